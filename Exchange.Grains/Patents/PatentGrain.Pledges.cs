using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Patents;

/// <summary>A pledge's hold on the patent, and the pledgee's consents to deals in it (<see cref="IPatentEncumbrances"/>).</summary>
internal sealed partial class PatentGrain
{
    public async Task<PatentSnapshot> HoldForPledge(Guid pledgeId, Guid? pledgeeId = null)
    {
        await ReadyAsync();
        _ = Facts.Record;
        var now = Now;
        if (PledgeHoldRules.IsHeld(State.Pledge, now) && State.Pledge!.PledgeId == pledgeId)
        {
            return Snapshot();
        }
        if (PledgeHoldRules.HoldRefusal(Number, State.Pledge, pledgeId, Facts.HeldTransfer(now), now) is { } refusal)
        {
            throw refusal;
        }
        Facts.EnsureTradable("pledged");
        Facts.EnsureNotFrozen("pledged");
        // Licences granted before the pledge bind the pledgee too (Civil Code Art. 405): they stay fileable.
        State.Pledge = new PledgeHold(pledgeId, Confirmed: false, now, [], Facts.HeldClaims(now).Select(c => c.LicenseId).ToArray(), pledgeeId);
        await _runner.CommitAsync(Audit($"pledge-held:{pledgeId:N}", Actor.System, $"pledge {pledgeId} applied for, until the pledge confirms it"));
        return Snapshot();
    }

    public async Task<bool> ConfirmPledgeHold(Guid pledgeId, Guid? pledgeeId = null)
    {
        await ReadyAsync();
        var now = Now;
        if (State.Pledge is { Confirmed: true } confirmed && confirmed.PledgeId == pledgeId)
        {
            return true;
        }
        if (PledgeHoldRules.HoldRefusal(Number, State.Pledge, pledgeId, Facts.HeldTransfer(now), now) is not null)
        {
            return false;
        }
        State.Pledge = State.Pledge is { } held && held.PledgeId == pledgeId
            ? held with { Confirmed = true }
            : new PledgeHold(pledgeId, Confirmed: true, now, [], Facts.HeldClaims(now).Select(c => c.LicenseId).ToArray(), pledgeeId);
        await _runner.CommitAsync(Audit($"pledge-confirmed:{pledgeId:N}", Actor.System, $"pledge {pledgeId} holds the patent"));
        return true;
    }

    public async Task ReleasePledgeHold(Guid pledgeId)
    {
        await _runner.ResumeAsync();
        if (State.Pledge?.PledgeId == pledgeId)
        {
            State.Pledge = null;
            await _runner.CommitAsync(Audit($"pledge-released:{pledgeId:N}", Actor.System, $"pledge {pledgeId} no longer holds the patent"));
        }
    }

    public async Task<bool> RecordPledgeeConsent(Guid pledgeId, PledgeeConsent consent)
    {
        await _runner.ResumeAsync();
        if (State.Pledge is not { } hold || hold.PledgeId != pledgeId)
        {
            return false;
        }
        var with = PledgeHoldRules.WithConsent(hold, consent);
        if (with != hold)
        {
            State.Pledge = with;
            await _runner.CommitAsync(Audit($"pledgee-consent:{pledgeId:N}:{consent.Kind}:{consent.Counterparty:N}", Actor.System,
                $"the pledgee of pledge {pledgeId} consents to {consent.Kind}{(consent.Counterparty is { } who ? $" to {who}" : "")}"));
        }
        return true;
    }

    /// <summary>
    /// A licence the pledgee consented to may be filed: the patent remembers it with the hold, and with the consent that
    /// admitted it, so that its money for this patent goes where the pledgee said (Civil Code Art. 444).
    /// </summary>
    private void AdmitLicenseUnderPledge(LicenseClaim claim)
    {
        if (!PledgeHoldRules.IsHeld(State.Pledge, Now) || State.Pledge!.AdmittedLicenses.Contains(claim.LicenseId))
        {
            return;
        }
        var hold = State.Pledge;
        IReadOnlyList<ConsentedLicense>? consented = PledgeHoldRules.AdmittingConsent(hold, claim, State.OpenLicense) is { } consent
            ? [.. (hold.ConsentedLicenses ?? []).TakeLast(PledgeHold.MaxAdmittedLicenses - 1), new ConsentedLicense(claim.LicenseId, consent)]
            : hold.ConsentedLicenses;
        State.Pledge = hold with { AdmittedLicenses = [.. hold.AdmittedLicenses.TakeLast(PledgeHold.MaxAdmittedLicenses - 1), claim.LicenseId], ConsentedLicenses = consented };
    }
}
