using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Licenses;

/// <summary>How a licence takes effect: submission (its scope claimed on the patents), the owners' consents, and the activation against the upfront fee.</summary>
internal sealed partial class LicenseGrain
{
    public async Task<LicenseSnapshot> Submit(Actor actor)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        if (!_lifecycle.IsDraft)
        {
            _lifecycle.Submit(); // ignored once submitted; refused once ended
            if (_lifecycle.AwaitsConsents && !NeedsConsents && State.ActivationRequestedBy is null)
            {
                // An ordinary licence whose activation was refused (its upfront fee could not be paid): try again.
                await ActivateAsync(actor, []);
            }
            return await SnapshotAsync();
        }
        await LicenseSubmission.ClaimAllAsync(GrainFactory, agreement.ApplicationNumbers, Claim);
        _lifecycle.Submit();
        State.SubmittedOn = Today;
        List<FollowUp> owed = [Audit("submitted", actor, "scope claimed on the patents"), new SetWakeup(WakeupKinds.License, Id.ToString("N"), true),
            .. agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Claim, InEffect: false))];
        await Deadlines.KeepAsync(this, running: true);
        if (NeedsConsents)
        {
            await _runner.CommitAsync(owed);
        }
        else
        {
            // An ordinary licence needs no consent (Patent Law Art. 14): it takes effect at once, against its upfront fee.
            await ActivateAsync(actor, owed);
        }
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> Consent(Actor owner)
    {
        await _runner.ResumeAsync();
        var owners = await CurrentOwnersAsync();
        if (!NeedsConsents || !owners.Contains(owner.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {owner.ParticipantId}'s consent is not needed for licence {Id}; its patents' owners are {string.Join(", ", owners)}.");
        }
        _lifecycle.EnsureMayConsent();
        if (!State.Consents.Add(owner.ParticipantId))
        {
            return await SnapshotAsync();
        }
        _consentsComplete = owners.All(State.Consents.Contains);
        List<FollowUp> owed = [Audit($"consent:{owner.ParticipantId:N}", owner, "co-owner consents")];
        if (_lifecycle.CanActivate)
        {
            await ActivateAsync(owner, owed);
        }
        else
        {
            await _runner.CommitAsync(owed);
        }
        return await SnapshotAsync();
    }

    /// <summary>
    /// The licence takes effect against its upfront fee. The request is written first, with <paramref name="owed"/>;
    /// the continuation then pays the fee (one posting named after the licence, so repeats pay it once) and activates
    /// the licence. A refused payment (funds, KYC) is reported to the caller and leaves the licence as it was.
    /// </summary>
    private async Task ActivateAsync(Actor actor, List<FollowUp> owed)
    {
        // The fee's recipients are fixed by the continuation (FixedPayoutAsync) before it pays: nothing is read here
        // between the caller's changes and their write.
        State.ActivationRequestedBy = actor.ParticipantId;
        await _runner.CommitAsync([.. owed, new ContinueLocally(Activate)]);
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
    }

    /// <summary>The activation's continuation: idempotent, whether it runs in the command or after a crash.</summary>
    private async Task CompleteActivationAsync()
    {
        if (State.ActivationRequestedBy is not { } requestedBy)
        {
            return;
        }
        var agreement = Agreement;
        var actor = new Actor(requestedBy, "");
        if (!_lifecycle.AwaitsConsents)
        {
            State.ActivationRequestedBy = null;
            State.PendingPayouts.Remove(UpfrontFeePosting);
            await _runner.CommitAsync();
            return;
        }
        _consentsComplete = (await CurrentOwnersAsync()).All(State.Consents.Contains);
        IReadOnlyList<FollowUp> toPledges = [];
        try
        {
            if (!_lifecycle.CanActivate)
            {
                // Every check before the fee moves: a fee paid for a licence that then cannot take effect would stay
                // with its recipients. Fired, the refused transition describes what is missing.
                _lifecycle.Activate();
            }
            if (agreement.Terms.UpfrontFee is { Fen: > 0 } fee)
            {
                var payout = await FixedPayoutAsync(UpfrontFeePosting, () => ResolvePayoutAsync(UpfrontFeePosting, fee));
                await Payer().Distribute(UpfrontFeePosting, payout.Parts, $"upfront fee licence {Id:N}", new Actor(agreement.Licensee, "Licensee"));
                toPledges = payout.ToPledges;
            }
            _lifecycle.Activate();
        }
        catch (DomainException refusal)
        {
            State.ActivationRequestedBy = null;
            State.PendingPayouts.Remove(UpfrontFeePosting);
            _refused = refusal;
            await _runner.CommitAsync(Audit($"activation-refused:{Now.UtcTicks}", actor, refusal.Message));
            return;
        }
        State.ActivationRequestedBy = null;
        State.PendingPayouts.Remove(UpfrontFeePosting);
        State.EffectiveOn = Today;
        await _runner.CommitAsync([
            Audit("active", actor, "in effect"),
            .. agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Claim, InEffect: true)),
            new SetFilingDeadline(Id, LicensePeriods.FilingDeadline(Today), null),
            Event(LicenseEventKind.Executed, "executed", agreement.Terms.UpfrontFee),
            .. toPledges,
            .. State.Origin is { } origin ? [new TellListingOfExecution(origin.ListingId, origin.OfferId, Id)] : Array.Empty<FollowUp>(),
        ]);
    }
}
