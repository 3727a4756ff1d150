namespace Exchange.Grains.Ledger;

public enum TransferTrigger
{
    /// <summary>A held transfer reserves the payer's funds first (escrow, subscription, delivery versus payment).</summary>
    Reserve = 0,
    Settle = 1,
    Release = 2,

    /// <summary>An immediate transfer pays the payee at once, in one posting (domain.md §2).</summary>
    Pay = 3,
}
