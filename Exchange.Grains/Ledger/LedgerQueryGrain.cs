using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// A pass-through to the store: stateless and reentrant, so one activation per silo serves every read at once (a plain
/// stateless worker serves one call per core at a time, which queued reads behind each other's database round trips).
/// </summary>
[StatelessWorker]
[Reentrant]
[GrainType("ledger-query")]
internal sealed class LedgerQueryGrain(ILedgerStore store) : Grain, ILedgerQueryGrain
{
    public Task<StatementPage> GetStatement(string accountId, long afterSequence, int limit) =>
        store.ReadStatementAsync(accountId, afterSequence, limit);

    public async Task<TransferSnapshotPage> ListTransfers(TransferQuery query)
    {
        var page = await store.ListTransfersAsync(query);
        return new TransferSnapshotPage([.. page.Items.Select(ImmediateTransfer.Snapshot)], page.NextCursor);
    }

    public Task<TrialBalance> GetTrialBalance() => store.ComputeTrialBalanceAsync();

    public Task<TrialBalanceVerification> VerifyTrialBalance() => store.VerifyTrialBalanceAsync();
}
