using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

[GenerateSerializer, Immutable]
public sealed record TransferSnapshot(
    [property: Id(0)] Guid TransferId,
    [property: Id(1)] string PayerAccount,
    [property: Id(2)] string PayeeAccount,
    [property: Id(3)] Money Amount,
    [property: Id(4)] TransferMode Mode,
    [property: Id(5)] TransferStatus Status,
    [property: Id(6)] string Memo,
    [property: Id(7)] Guid RequestedBy,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] string? ControlledBy);
