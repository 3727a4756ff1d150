using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Ledger;

[StatelessWorker]
[GrainType("ledger-query")]
internal sealed class LedgerQueryGrain(ILedgerStore store) : Grain, ILedgerQueryGrain
{
    public Task<StatementPage> GetStatement(string accountId, long afterSequence, int limit) =>
        store.ReadStatementAsync(accountId, afterSequence, limit);

    public Task<TrialBalance> GetTrialBalance() => store.ComputeTrialBalanceAsync();
}
