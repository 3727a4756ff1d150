namespace Exchange.Grains.Ledger;

/// <summary>The two balances an account keeps: money free to use, and money held for a transfer not yet settled.</summary>
public enum Bucket
{
    Available = 0,
    Reserved = 1,
}
