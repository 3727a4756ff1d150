using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

[GenerateSerializer, Immutable]
public sealed record OfferSnapshot(
    [property: Id(0)] Guid OfferId,
    [property: Id(1)] Guid BidderId,
    [property: Id(2)] OfferKind Kind,
    [property: Id(3)] Money? Price,
    [property: Id(4)] LicenseTerms? LicenseTerms,
    [property: Id(5)] DateOnly ExpiresOn,
    [property: Id(6)] OfferStatus Status,
    [property: Id(7)] Money? CounterPrice,
    [property: Id(8)] LicenseTerms? CounterTerms,
    [property: Id(9)] DateTimeOffset SubmittedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] IReadOnlyList<Guid> PatentTransfers,
    [property: Id(12)] Guid? ExecutedAs = null)
{
    /// <summary>What was agreed, once accepted: the counter-offer if the bidder accepted one, else the offer.</summary>
    public Money? AgreedPrice => CounterPrice ?? Price;

    public LicenseTerms? AgreedTerms => CounterTerms ?? LicenseTerms;
}
