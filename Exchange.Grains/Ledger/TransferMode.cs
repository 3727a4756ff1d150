namespace Exchange.Grains.Ledger;

public enum TransferMode
{
    /// <summary>Reserve and settle in one command; recovery finishes it after a crash.</summary>
    Immediate = 0,

    /// <summary>Reserve now and hold in escrow until the payer settles or releases it.</summary>
    Hold = 1,
}
