namespace Exchange.Grains.Ledger;

/// <summary>Read side of the ledger: account statements and the trial balance, answered from the ledger tables.</summary>
[Alias("exchange.ledger-query")]
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    [Alias("statement")]
    Task<StatementPage> GetStatement(string accountId, long afterSequence, int limit);

    [Alias("trial-balance")]
    Task<TrialBalance> GetTrialBalance();
}
