using Exchange.Grains.Common;

namespace Exchange.Grains.PatentTransfers;

/// <summary>A sale agreed on a listing (or directly): this patent to this buyer at this price.</summary>
[GenerateSerializer, Immutable]
public sealed record ProposePatentTransfer(
    [property: Id(0)] string ApplicationNumber,
    [property: Id(1)] Guid BuyerId,
    [property: Id(2)] Money Price,
    [property: Id(3)] Guid? ListingId,
    [property: Id(4)] Guid? OfferId);
