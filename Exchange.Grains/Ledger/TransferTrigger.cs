namespace Exchange.Grains.Ledger;

public enum TransferTrigger
{
    Reserve = 0,
    Settle = 1,
    Release = 2,
}
