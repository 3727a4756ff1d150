using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Patents;

/// <summary>What listings, licences and transfers hold on the patent, as they tell it (<see cref="IPatentEncumbrances"/>).</summary>
internal sealed partial class PatentGrain
{
    public async Task ListingChanged(Guid listingId, bool open, IReadOnlyList<Guid>? owners = null)
    {
        await ReadyAsync();
        var record = Facts.Record;
        if (open && (!PatentLifecycle.IsInForceStatus(State.LegalStatus) || (owners is not null && !owners.Order().SequenceEqual(record.Owners.Select(o => o.ParticipantId).Order()))))
        {
            // Listed on the previous owners' mandate, or on a patent that has ended since the listing checked it.
            await _runner.CommitAsync(new Listings.CloseListingForPatent(listingId, Number, $"patent {Number} changed hands or ended before the listing opened"));
            return;
        }
        if (open ? State.OpenListings.Add(listingId) : State.OpenListings.Remove(listingId))
        {
            await _runner.CommitAsync(Audit($"listing-{(open ? "opened" : "closed")}:{listingId:N}", Actor.System, $"listing {listingId}"));
        }
    }

    public async Task<PatentSnapshot> BeginTransfer(Guid transferId, Guid? buyerId = null, Money? price = null)
    {
        await ReadyAsync();
        _ = Facts.Record;
        var held = Facts.HeldTransfer(Now);
        if (held == transferId)
        {
            return Snapshot();
        }
        if (held is { } other)
        {
            throw new DomainException(DomainErrors.PatentTransferPending, $"Patent {Number} is already being transferred (transfer {other}).");
        }
        Lifecycle.EnsureMayBeTransferred();
        Facts.EnsureTradable("transferred");
        Facts.EnsureNotFrozen("transferred");
        if ((LicenseClaimRules.TransferRefusal(Number, Facts.HeldClaims(Now)) ?? PledgeHoldRules.TransferRefusal(Number, State.Pledge, transferId, buyerId, price, Now)) is { } refusal)
        {
            throw refusal;
        }
        State.PendingTransfer = transferId;
        State.PendingTransferSince = Now;
        State.PendingTransferConfirmed = false;
        await _runner.CommitAsync(Audit($"transfer-begun:{transferId:N}", Actor.System, $"transfer {transferId} pending, until the transfer confirms it"));
        return Snapshot();
    }

    public async Task<bool> ConfirmTransfer(Guid transferId, Guid? buyerId = null, Money? price = null)
    {
        await ReadyAsync();
        if (State.PendingTransfer == transferId && State.PendingTransferConfirmed)
        {
            return true;
        }
        if (Facts.HeldTransfer(Now) is { } other && other != transferId)
        {
            return false;
        }
        if (State.PendingTransfer != transferId && (!Lifecycle.CanBeTransferred || LicenseClaimRules.TransferRefusal(Number, Facts.HeldClaims(Now)) is not null
            || PledgeHoldRules.TransferRefusal(Number, State.Pledge, transferId, buyerId, price, Now) is not null))
        {
            // The claim lapsed before its transfer confirmed it, and the patent would not admit it again now.
            return false;
        }
        State.PendingTransfer = transferId;
        State.PendingTransferConfirmed = true;
        await _runner.CommitAsync(Audit($"transfer-confirmed:{transferId:N}", Actor.System, $"transfer {transferId} holds the patent"));
        return true;
    }

    public async Task AbandonTransfer(Guid transferId)
    {
        await _runner.ResumeAsync();
        if (State.PendingTransfer == transferId)
        {
            State.PendingTransfer = null;
            await _runner.CommitAsync(Audit($"transfer-abandoned:{transferId:N}", Actor.System, $"transfer {transferId} cancelled"));
        }
    }

    public async Task<PatentSnapshot> CompleteTransfer(Guid transferId, Guid buyerId)
    {
        await _runner.ResumeAsync();
        var record = Facts.Record;
        if (State.CompletedTransfers.Contains(transferId))
        {
            return Snapshot();
        }
        if (State.PendingTransfer != transferId)
        {
            throw new DomainException(DomainErrors.InvalidPatentTransition, $"Transfer {transferId} is not the pending transfer of patent {Number}.");
        }
        // No status check here: the transfer checked it when the assignment was recorded, and a recorded
        // assignment has taken effect whatever happened to the patent since. Licences survive and answer to the buyer;
        // the old owners' mandates, open-licence offer and listings end with their ownership. A pledge let the patent go
        // with it (its own enforcement sale, or a sale its pledgee consented to, whose price replaces the patent).
        var pledge = State.Pledge;
        State.Pledge = null;
        var before = string.Join(", ", record.Owners.Select(o => o.ParticipantId));
        State.Registration = record with { Owners = [new PatentOwner(buyerId, PatentRules.FullShare)] };
        State.Mandates.Clear();
        State.OpenLicense = null;
        State.PendingTransfer = null;
        State.CompletedTransfers.Add(transferId);
        State.OpenListings.Clear();
        await _runner.CommitAsync(Audit($"transferred:{transferId:N}", Actor.System,
            $"assigned from {before} to {buyerId} by transfer {transferId}{(pledge is null ? "" : $", free of pledge {pledge.PledgeId}")}"));
        return Snapshot();
    }

    public async Task ClaimLicense(LicenseClaim claim)
    {
        await ReadyAsync();
        _ = Facts.Record;
        var now = Now;
        if (State.LicenseClaims.Any(c => c.LicenseId == claim.LicenseId && LicenseClaimRules.IsHeld(c, now)))
        {
            return;
        }
        Lifecycle.EnsureMayBeLicensed();
        Facts.EnsureTradable("licensed");
        if ((LicenseClaimRules.Refusal(Number, claim, Facts.HeldClaims(now), Facts.HeldTransfer(now), State.OpenLicense is not null)
            ?? PledgeHoldRules.LicenseRefusal(Number, State.Pledge, claim, State.OpenLicense, now)) is { } refusal)
        {
            throw refusal;
        }
        AdmitLicenseUnderPledge(claim);
        State.LicenseClaims.RemoveAll(c => c.LicenseId == claim.LicenseId || !LicenseClaimRules.IsHeld(c, now));
        State.LicenseClaims.Add(new ClaimedLicense(claim.LicenseId, claim.Type, claim.Scope, ClaimStage.Provisional, now));
        await _runner.CommitAsync(Audit($"license-claimed:{claim.LicenseId:N}", Actor.System,
            $"{claim.Type} licence {claim.LicenseId} {claim.Scope.Start:yyyy-MM-dd}–{claim.Scope.End:yyyy-MM-dd}, until the licence confirms it"));
    }

    public async Task<bool> ConfirmLicenseClaim(LicenseClaim claim, bool inEffect)
    {
        await ReadyAsync();
        var stage = inEffect ? ClaimStage.InEffect : ClaimStage.AwaitingConsents;
        var now = Now;
        var index = State.LicenseClaims.FindIndex(c => c.LicenseId == claim.LicenseId);
        if (index >= 0 && State.LicenseClaims[index].Stage == stage)
        {
            return true;
        }
        if (index < 0 || !LicenseClaimRules.IsHeld(State.LicenseClaims[index], now))
        {
            // Lapsed before the licence could confirm it: made again only if the patent would admit it as a new claim.
            if (!Lifecycle.CanBeLicensed || LicenseClaimRules.Refusal(Number, claim, Facts.HeldClaims(now), Facts.HeldTransfer(now), State.OpenLicense is not null) is not null
                || PledgeHoldRules.LicenseRefusal(Number, State.Pledge, claim, State.OpenLicense, now) is not null)
            {
                return false;
            }
            State.LicenseClaims.RemoveAll(c => c.LicenseId == claim.LicenseId);
            State.LicenseClaims.Add(new ClaimedLicense(claim.LicenseId, claim.Type, claim.Scope, stage, now));
        }
        else
        {
            State.LicenseClaims[index] = State.LicenseClaims[index] with { Stage = stage, Since = now };
        }
        await _runner.CommitAsync(Audit($"license-claim-{stage}:{claim.LicenseId:N}", Actor.System, $"licence {claim.LicenseId} {stage}"));
        return true;
    }

    public async Task ReleaseLicense(Guid licenseId)
    {
        await _runner.ResumeAsync();
        if (State.LicenseClaims.RemoveAll(c => c.LicenseId == licenseId) > 0)
        {
            await _runner.CommitAsync(Audit($"license-released:{licenseId:N}", Actor.System, $"licence {licenseId} ended"));
        }
    }
}
