namespace Exchange.Grains.PatentTransfers;

/// <summary>What other objects of the exchange do to a patent transfer: never the API's calls.</summary>
[Alias("exchange.patent-transfer-control")]
public interface IPatentTransferControl : IGrainWithGuidKey
{
    /// <summary>Cancels a transfer not yet recorded, for the reason given (its patent was declared invalid); releases the escrow.</summary>
    [Alias("cancel-because")]
    Task CancelBecause(string reason);

    /// <summary>Cancels the transfer if it was not recorded within the configured period of its proposal (its daily reminder calls this too).</summary>
    [Alias("check-deadline")]
    Task<PatentTransferSnapshot> CheckDeadline();
}
