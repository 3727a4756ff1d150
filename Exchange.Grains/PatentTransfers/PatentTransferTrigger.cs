namespace Exchange.Grains.PatentTransfers;

public enum PatentTransferTrigger
{
    AllConsented = 0,
    Escrow = 1,
    Record = 2,
    Settle = 3,
    Cancel = 4,
}
