using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.PatentTransfers;

/// <summary>The recorded assignment takes effect on the patent: the buyer becomes its owner.</summary>
internal sealed record CompleteAssignment(string ApplicationNumber, Guid TransferId, Guid BuyerId) : FollowUp
{
    public override string Id => $"complete-assignment:{TransferId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).CompleteTransfer(TransferId, BuyerId));
}

/// <summary>
/// The patent learns that the transfer's proposal is written and holds it. If its provisional claim lapsed and was
/// taken meanwhile, the transfer hears it (<see cref="ClaimLost"/>) and is cancelled.
/// </summary>
/// <param name="BuyerId">The buyer, whom a pledged patent admits when its pledgee consented to the sale (absent in rows written before).</param>
/// <param name="Price">The price, which a pledged patent's consented sale must reach (absent in rows written before).</param>
internal sealed record ConfirmTransferClaim(string ApplicationNumber, Guid TransferId, Guid? BuyerId = null, Common.Money? Price = null) : FollowUp
{
    public const string ClaimLost = "claim-lost";

    public override string Id => $"confirm-transfer:{TransferId:N}";

    public override async Task RunAsync(FollowUpContext context)
    {
        if (!await context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).ConfirmTransfer(TransferId, BuyerId, Price)))
        {
            await new ContinueLocally(ClaimLost).RunAsync(context);
        }
    }
}

/// <summary>The patent lets go of a cancelled transfer.</summary>
internal sealed record AbandonPatentTransfer(string ApplicationNumber, Guid TransferId) : FollowUp
{
    public override string Id => $"abandon-transfer:{TransferId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).AbandonTransfer(TransferId));
}

/// <summary>One seller's share of the price leaves escrow for the seller's account.</summary>
internal sealed record SettleEscrow(Guid HoldId) : FollowUp
{
    public override string Id => $"settle-escrow:{HoldId:N}";

    public override Task RunAsync(FollowUpContext context) => context.CallAsync(context.Grains.GetGrain<ITransferGrain>(HoldId).Settle(Actor.System));
}

/// <summary>
/// One seller's share of a consented sale's price leaves escrow for the pledge's account, and only then is the pledge
/// told of that share: a hold whose settlement is refused (and set aside for the operator) never has the pledge apply
/// money it did not receive, and the shares that did arrive are applied whatever became of the others.
/// </summary>
internal sealed record SettleEscrowToPledge(Guid HoldId, Pledges.ReceivePledgeProceeds Notice) : FollowUp
{
    public override string Id => $"settle-escrow-pledge:{HoldId:N}";

    public override async Task RunAsync(FollowUpContext context)
    {
        await new SettleEscrow(HoldId).RunAsync(context);
        await Notice.RunAsync(context);
    }
}

/// <summary>An escrow hold goes back to the buyer, if it was reserved at all (an attempt may have failed before).</summary>
internal sealed record ReleaseEscrow(Guid HoldId) : FollowUp
{
    public override string Id => $"release-escrow:{HoldId:N}";

    public override async Task RunAsync(FollowUpContext context)
    {
        var hold = context.Grains.GetGrain<ITransferGrain>(HoldId);
        if (await context.CallAsync(hold.TryGet()) is { } held && TransferLifecycle.HoldsFunds(held.Status))
        {
            await context.CallAsync(hold.Release(Actor.System));
        }
    }
}
