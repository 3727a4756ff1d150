using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Stateless and reentrant: one activation per silo takes every transfer at once, and the payer's account grain is
/// what serializes them (<see cref="ImmediateTransfer"/>).
/// </summary>
[StatelessWorker]
[Reentrant]
[GrainType("transfer-desk")]
internal sealed class TransferDeskGrain(ILedgerStore store) : Grain, ITransferDeskGrain
{
    public async Task<TransferSnapshot> Execute(Guid transferId, TransferRequest request, Actor actor, IdempotencyStamp? idempotency = null)
    {
        if (request.Mode != TransferMode.Immediate)
        {
            return await GrainFactory.GetGrain<ITransferGrain>(transferId).Execute(request, actor, idempotency);
        }
        var booking = await ImmediateTransfer.PayAsync(GrainFactory, store, transferId, request, actor, idempotency);
        if (TransferLifecycle.HoldsFunds(booking.Transfer.Status))
        {
            // An earlier version reserved this transfer and a crash left it so: its grain settles it, as the sweep would.
            var transfer = GrainFactory.GetGrain<ITransferGrain>(transferId);
            await transfer.Resume();
            return (await transfer.TryGet())!;
        }
        return ImmediateTransfer.Snapshot(booking.Transfer);
    }
}
