namespace Exchange.Grains.Ledger;

/// <summary>
/// Read side of the ledger: account statements and the trial balance, answered from the ledger tables. The trial
/// balance is summed over the accounts' running snapshots, so it costs the same at any history length; its
/// verification recomputes it from every posting line.
/// </summary>
[Alias("exchange.ledger-query")]
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    [Alias("statement")]
    Task<StatementPage> GetStatement(string accountId, long afterSequence, int limit);

    [Alias("transfers")]
    Task<TransferSnapshotPage> ListTransfers(TransferQuery query);

    [Alias("trial-balance")]
    Task<TrialBalance> GetTrialBalance();

    /// <summary>The maintained trial balance beside the one recomputed from every line: a pass over the whole history.</summary>
    [Alias("verify-trial-balance")]
    Task<TrialBalanceVerification> VerifyTrialBalance();
}
