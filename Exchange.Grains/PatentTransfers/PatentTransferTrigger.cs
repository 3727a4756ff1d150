namespace Exchange.Grains.PatentTransfers;

public enum PatentTransferTrigger
{
    AllConsented = 0,
    Escrow = 1,
    Record = 2,
    Settle = 3,
    Cancel = 4,

    /// <summary>A check, not a move: a co-owner consents, which is possible while the transfer is proposed.</summary>
    Consent = 10,
}
