namespace Exchange.Grains.Ledger;

/// <summary>An account's balances as the ledger has them, plus the version used to fence the next debit.</summary>
public sealed record AccountBalances(long AvailableFen, long ReservedFen, long Version)
{
    /// <summary>An account the ledger has never touched.</summary>
    public static readonly AccountBalances None = new(0, 0, 0);
}
