using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.PatentTransfers;

/// <param name="ProceedsToPledge">The pledge whose pledgee consented to the sale: the sellers' proceeds are paid into its account, to repay its loan early or be held in escrow.</param>
[GenerateSerializer, Immutable]
public sealed record PatentTransferSnapshot(
    [property: Id(0)] Guid TransferId,
    [property: Id(1)] string ApplicationNumber,
    [property: Id(2)] Guid BuyerId,
    [property: Id(3)] IReadOnlyList<PatentOwner> Sellers,
    [property: Id(4)] Money Price,
    [property: Id(5)] PatentTransferStatus Status,
    [property: Id(6)] IReadOnlyList<Guid> Consents,
    [property: Id(7)] string? ExportApprovalReference,
    [property: Id(8)] string? RegistrationReference,
    [property: Id(9)] IReadOnlyList<Money> SellerProceeds,
    [property: Id(10)] DateOnly RecordingDeadline = default,
    [property: Id(11)] string? CancelReason = null,
    [property: Id(12)] Guid? ProceedsToPledge = null);
