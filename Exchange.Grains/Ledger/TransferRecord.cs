namespace Exchange.Grains.Ledger;

/// <summary>
/// The durable row of a transfer, written in the same database transaction as each of its postings.
/// <see cref="ControlledBy"/> names the process (e.g. a patent transfer's escrow) that alone may settle or release
/// a held transfer; null means the payer may.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TransferRecord(
    [property: Id(0)] Guid TransferId,
    [property: Id(1)] string PayerAccount,
    [property: Id(2)] string PayeeAccount,
    [property: Id(3)] long AmountFen,
    [property: Id(4)] TransferMode Mode,
    [property: Id(5)] TransferStatus Status,
    [property: Id(6)] string RequestHash,
    [property: Id(7)] Guid RequestedBy,
    [property: Id(8)] string Memo,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] string? ControlledBy = null);
