using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

/// <summary>A participant's order to pay another participant (or the platform's escrow) from its available funds.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferRequest(
    [property: Id(0)] Guid PayerParticipantId,
    [property: Id(1)] string PayeeAccount,
    [property: Id(2)] Money Amount,
    [property: Id(3)] TransferMode Mode,
    [property: Id(4)] string Memo,
    [property: Id(5)] string RequestHash,
    [property: Id(6)] string? ControlledBy = null);
