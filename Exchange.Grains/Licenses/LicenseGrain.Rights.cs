using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>What other objects do to the licence's rights: its patents declared invalid, its royalties assigned (<see cref="ILicenseRights"/>).</summary>
internal sealed partial class LicenseGrain
{
    public async Task PatentInvalidated(string applicationNumber, DateOnly invalidatedOn)
    {
        await _runner.ResumeAsync();
        if (State.Draft is not { } agreement || !State.InvalidatedPatents.TryAdd(applicationNumber, invalidatedOn))
        {
            return;
        }
        if (agreement.ApplicationNumbers.All(State.InvalidatedPatents.ContainsKey))
        {
            // No patent left: the licence has nothing to license (Patent Law Art. 47); royalties stop from that day.
            State.RightsEndedOn = invalidatedOn;
            if (await EndAsync(LicenseTrigger.Terminate, Actor.System, $"every licensed patent was declared invalid, the last ({applicationNumber}) on {invalidatedOn:yyyy-MM-dd}"))
            {
                return;
            }
        }
        // Written even when the licence had already ended: no royalty is due for the time after the invalidation.
        await _runner.CommitAsync(Audit($"patent-invalidated:{applicationNumber}", Actor.System, $"patent {applicationNumber} declared invalid on {invalidatedOn:yyyy-MM-dd}; it earns no royalty after that day"));
    }

    public async Task<LicenseSnapshot> AssignRoyalties(RoyaltyAssignment assignment, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (State.RoyaltyAssignment == assignment)
        {
            return await SnapshotAsync();
        }
        if (State.RoyaltyAssignment is { } current)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id}'s royalties already go to {current.AccountId} ({current.Reason}); end that first.");
        }
        State.RoyaltyAssignment = RoyaltyAssignment.Validate(assignment);
        await _runner.CommitAsync(Audit($"royalties-assigned:{assignment.AccountId}:{Now.UtcTicks}", actor, $"royalties to {assignment.AccountId} ({assignment.Reason})"));
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> EndRoyaltyAssignment(Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (State.RoyaltyAssignment is { } current)
        {
            State.RoyaltyAssignment = null;
            await _runner.CommitAsync(Audit($"royalties-unassigned:{current.AccountId}:{Now.UtcTicks}", actor, $"royalties back to the owners from {current.AccountId}"));
        }
        return await SnapshotAsync();
    }

    public async Task<bool> PledgeRoyalties(Guid pledgeId, bool held)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (held ? State.RoyaltiesPledgedTo == pledgeId : State.RoyaltiesPledgedTo != pledgeId)
        {
            return true;
        }
        if (held && (State.RoyaltiesPledgedTo is not null || State.RoyaltiesPooledIn is not null))
        {
            return false;
        }
        State.RoyaltiesPledgedTo = held ? pledgeId : null;
        await _runner.CommitAsync(Audit($"royalties-{(held ? "pledged" : "unpledged")}:{pledgeId:N}", Actor.System, $"royalty receivable {(held ? "pledged to" : "released by")} pledge {pledgeId}"));
        return true;
    }

    public async Task<bool> PoolRoyalties(Guid poolId, bool held)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (held ? State.RoyaltiesPooledIn == poolId : State.RoyaltiesPooledIn != poolId)
        {
            return true;
        }
        if (held && (State.RoyaltiesPooledIn is not null || State.RoyaltiesPledgedTo is not null))
        {
            return false;
        }
        State.RoyaltiesPooledIn = held ? poolId : null;
        await _runner.CommitAsync(Audit($"royalties-{(held ? "pooled" : "unpooled")}:{poolId:N}", Actor.System, $"royalty receivable {(held ? "sold into" : "released by")} pool {poolId}"));
        return true;
    }

    /// <summary>A follow-up's own step: a claim this licence could not confirm was taken by another licence meanwhile.</summary>
    public async Task ContinueAsync(string step)
    {
        if (step == Activate)
        {
            await CompleteActivationAsync();
            return;
        }
        if (step.StartsWith(PayRoyaltyStep, StringComparison.Ordinal))
        {
            await CompletePaymentAsync(int.Parse(step[PayRoyaltyStep.Length..], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (!step.StartsWith(ConfirmLicenseClaim.ClaimLost, StringComparison.Ordinal))
        {
            return;
        }
        var number = step[ConfirmLicenseClaim.ClaimLost.Length..];
        // The patent (read from its snapshot) may have refused because it was declared invalid meanwhile: that is an
        // invalidation, with its consequence for royalties, not a lost claim.
        if (await GrainFactory.GetGrain<Patents.IPatentGrain>(number).TryGet() is { InvalidatedOn: { } invalidatedOn })
        {
            await PatentInvalidated(number, invalidatedOn);
            return;
        }
        await EndAsync(LicenseTrigger.Terminate, Actor.System, $"its claim on patent {number} lapsed unconfirmed and could not be made again");
    }
}
