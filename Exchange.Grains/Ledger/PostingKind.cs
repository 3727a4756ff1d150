namespace Exchange.Grains.Ledger;

public enum PostingKind
{
    Deposit = 0,
    Withdrawal = 1,
    Reserve = 2,
    Settle = 3,
    Release = 4,
    Distribution = 5,
}
