using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// The patent learns that the pledge holds it once the application is written. If the provisional hold lapsed and
/// another pledge took the patent meanwhile, the pledge hears it and its review will refuse (the patent names the other pledge).
/// </summary>
internal sealed record ConfirmPledgeHold(string ApplicationNumber, Guid PledgeId, Guid? PledgeeId = null) : FollowUp
{
    public override string Id => $"confirm-pledge-hold:{ApplicationNumber}:{PledgeId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IPatentEncumbrances>(ApplicationNumber).ConfirmPledgeHold(PledgeId, PledgeeId));
}

/// <summary>The patent is free of the pledge: released, refused, withdrawn or closed.</summary>
internal sealed record ReleasePledgeHold(string ApplicationNumber, Guid PledgeId) : FollowUp
{
    public override string Id => $"release-pledge-hold:{ApplicationNumber}:{PledgeId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IPatentEncumbrances>(ApplicationNumber).ReleasePledgeHold(PledgeId));
}

/// <summary>The licence learns that its royalty receivable is pledged (or no longer is).</summary>
internal sealed record HoldPledgedRoyalties(Guid LicenseId, Guid PledgeId, bool Held) : FollowUp
{
    public override string Id => $"pledge-royalties:{LicenseId:N}:{PledgeId:N}:{Held}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<ILicenseRights>(LicenseId).PledgeRoyalties(PledgeId, Held));
}

/// <summary>
/// A pledged licence's royalties go to the pledgee while the loan is in default (the sweep), and back to the owners
/// once the arrears are paid. The assignment names the pledge, so that each swept payment is credited to its loan.
/// </summary>
internal sealed record SweepRoyalties(Guid LicenseId, Guid PledgeId, string PledgeeAccount, bool Sweep) : FollowUp
{
    public override string Id => $"sweep-royalties:{LicenseId:N}:{PledgeId:N}:{Sweep}";

    public override async Task RunAsync(FollowUpContext context)
    {
        var licence = context.Grains.GetGrain<ILicenseRights>(LicenseId);
        if (Sweep)
        {
            await context.CallAsync(licence.AssignRoyalties(new RoyaltyAssignment(PledgeeAccount, RoyaltyAssignmentReason.PledgeDefault, PledgeId), Common.Actor.System));
        }
        else if (await context.CallAsync(context.Grains.GetGrain<ILicenseGrain>(LicenseId).TryGet()) is { RoyaltyAssignment.AssignedBy: var by } && by == PledgeId)
        {
            // Only this pledge's own sweep is ended: an assignment to a pool (or none at all) is left as it is.
            await context.CallAsync(licence.EndRoyaltyAssignment(Common.Actor.System));
        }
    }
}

/// <summary>The pledged patent records the pledgee's consent to a deal in it.</summary>
internal sealed record RecordPledgeeConsent(string ApplicationNumber, Guid PledgeId, PledgeeConsent Consent) : FollowUp
{
    public override string Id => $"pledgee-consent:{ApplicationNumber}:{PledgeId:N}:{Consent.Kind}:{Consent.Counterparty:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IPatentEncumbrances>(ApplicationNumber).RecordPledgeeConsent(PledgeId, Consent));
}

/// <summary>A consented deal's money reached the pledge's proceeds account: the pledge applies it as its pledgee chose.</summary>
internal sealed record ReceivePledgeProceeds(Guid PledgeId, PledgeProceeds Proceeds) : FollowUp
{
    public override string Id => $"pledge-proceeds:{PledgeId:N}:{Proceeds.PostingId}";

    public override Task RunAsync(FollowUpContext context) => context.CallAsync(context.Grains.GetGrain<IPledgeGrain>(PledgeId).ReceiveProceeds(Proceeds));
}

/// <summary>
/// The pledge pays out of its proceeds account, in one balanced posting whose id names the pledge and the reason: to
/// the pledgee what repays the loan, to the owners what is theirs. Written with the state that decided it.
/// </summary>
internal sealed record PayOutPledgeProceeds(Guid PledgeId, string PostingId, IReadOnlyList<DistributionPart> Parts, string Memo) : FollowUp
{
    public override string Id => $"pledge-payout:{PostingId}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IAccountGrain>(AccountId.ForPledgeProceeds(PledgeId)).Distribute(PostingId, Parts, Memo, Common.Actor.System));
}

/// <summary>A pledged patent was declared invalid: the pledge loses it as collateral, and an enforcement sale of it cannot go on.</summary>
internal sealed record TellPledgeOfInvalidation(Guid PledgeId, string ApplicationNumber) : FollowUp
{
    public override string Id => $"pledge-invalidation:{PledgeId:N}:{ApplicationNumber}";

    public override Task RunAsync(FollowUpContext context) => context.CallAsync(context.Grains.GetGrain<IPledgeGrain>(PledgeId).PatentInvalidated(ApplicationNumber));
}
