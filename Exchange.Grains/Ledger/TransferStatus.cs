namespace Exchange.Grains.Ledger;

/// <summary>
/// Where a transfer is. <see cref="Requested"/> exists only in memory: nothing is durable before the funds are
/// reserved, so a crash before that leaves no trace and the client, never acknowledged, simply retries.
/// </summary>
public enum TransferStatus
{
    Requested = 0,
    FundsReserved = 1,
    Settled = 2,
    Released = 3,
}
