namespace Exchange.Grains.PatentTransfers;

public enum PatentTransferStatus
{
    /// <summary>Proposed; waiting for every co-owner's consent.</summary>
    Proposed = 0,
    Consented = 1,
    FundsInEscrow = 2,
    /// <summary>Registered with the patent office: the assignment has taken effect (Patent Law Art. 10).</summary>
    Recorded = 3,
    Settled = 4,
    Cancelled = 5,
}
