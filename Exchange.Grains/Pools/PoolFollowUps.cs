using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Pools;

/// <summary>The licence learns that its royalty receivable is sold into the pool (or no longer is).</summary>
internal sealed record HoldPooledRoyalties(Guid LicenseId, Guid PoolId, bool Held) : FollowUp
{
    public override string Id => $"pool-royalties:{LicenseId:N}:{PoolId:N}:{Held}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<ILicenseRights>(LicenseId).PoolRoyalties(PoolId, Held));
}

/// <summary>
/// From the issue on, the licence's royalties are paid into the pool's collection account; when the pool is wound up,
/// they go back to the owners. Only the pool's own assignment is ended.
/// </summary>
internal sealed record AssignPooledRoyalties(Guid LicenseId, Guid PoolId, bool Assign) : FollowUp
{
    public override string Id => $"pool-assignment:{LicenseId:N}:{PoolId:N}:{Assign}";

    public override async Task RunAsync(FollowUpContext context)
    {
        var licence = context.Grains.GetGrain<ILicenseRights>(LicenseId);
        if (Assign)
        {
            await context.CallAsync(licence.AssignRoyalties(new RoyaltyAssignment(AccountId.ForPoolCollection(PoolId), RoyaltyAssignmentReason.Pool, PoolId), Common.Actor.System));
        }
        else if (await context.CallAsync(context.Grains.GetGrain<ILicenseGrain>(LicenseId).TryGet()) is { RoyaltyAssignment.AssignedBy: var by } && by == PoolId)
        {
            await context.CallAsync(licence.EndRoyaltyAssignment(Common.Actor.System));
        }
    }
}

/// <summary>
/// The pool pays out of its collection account in one balanced posting whose id names the pool and the occasion (the
/// issue, a distribution date, the winding up): the parts were fixed with the state that decided them.
/// </summary>
internal sealed record PayOutOfPool(Guid PoolId, string PostingId, IReadOnlyList<DistributionPart> Parts, string Memo) : FollowUp
{
    public override string Id => $"pool-payout:{PostingId}";

    public override Task RunAsync(FollowUpContext context) => Parts.Count == 0 ? Task.CompletedTask
        : context.CallAsync(context.Grains.GetGrain<IAccountGrain>(AccountId.ForPoolCollection(PoolId)).Distribute(PostingId, Parts, Memo, Common.Actor.System));
}

/// <summary>The pool pays out of its order escrow in one balanced posting: the sellers of a fill, a buyer's price improvement or its refund.</summary>
internal sealed record PayOutOfOrderEscrow(Guid PoolId, string PostingId, IReadOnlyList<DistributionPart> Parts, string Memo) : FollowUp
{
    public override string Id => $"pool-order-payout:{PostingId}";

    public override Task RunAsync(FollowUpContext context) => Parts.Count == 0 ? Task.CompletedTask
        : context.CallAsync(context.Grains.GetGrain<IAccountGrain>(AccountId.ForPoolOrders(PoolId)).Distribute(PostingId, Parts, Memo, Common.Actor.System));
}

/// <summary>
/// The investor's statement in the pool records the flows a posting made for it (idempotent by each flow's id): a trade
/// or an order's fill, which concern two parties. Postings to every holder at once are <see cref="RecordPoolHolderFlows"/>.
/// </summary>
internal sealed record RecordPoolCashFlows(Guid PoolId, Guid InvestorId, IReadOnlyList<PoolCashFlow> Flows) : FollowUp
{
    public override string Id => $"pool-flows:{PoolId:N}:{InvestorId:N}:{Flows[0].Id}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(PoolId, InvestorId)).Record(Flows));
}

/// <summary>The pool keeps what one posting paid (or took from) every holder, in one write for all of them.</summary>
internal sealed record RecordPoolHolderFlows(Guid PoolId, PoolHolderFlows Flows) : FollowUp
{
    public override string Id => $"pool-holder-flows:{PoolId:N}:{Flows.Id}";

    public override Task RunAsync(FollowUpContext context) => Flows.Lines.Count == 0 ? Task.CompletedTask
        : context.CallAsync(context.Grains.GetGrain<IPoolHolderFlowsGrain>(PoolId).Record(Flows));
}
