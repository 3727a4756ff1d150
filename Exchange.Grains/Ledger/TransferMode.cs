namespace Exchange.Grains.Ledger;

public enum TransferMode
{
    /// <summary>
    /// Paid in one command and one posting, straight from the payer's available funds. (Transfers made before that
    /// reserved and settled in two commits; the recovery sweep finishes any a crash left reserved.)
    /// </summary>
    Immediate = 0,

    /// <summary>Reserve now and hold in escrow until the payer settles or releases it.</summary>
    Hold = 1,
}
