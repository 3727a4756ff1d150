namespace Exchange.Grains.Ledger;

public enum PostingKind
{
    Deposit = 0,
    Withdrawal = 1,
    Reserve = 2,
    Settle = 3,
    Release = 4,
    Distribution = 5,

    /// <summary>
    /// An immediate transfer in one posting, payer available → payee available: nothing waits between reserve and
    /// settle, so no one can observe the reserved state, and one durable commit does the work of two (domain.md §2).
    /// </summary>
    Transfer = 6,
}
