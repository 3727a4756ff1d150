using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>A listing with its live and recently closed offers, and the licences its accepted licence offers agreed on, awaiting execution.</summary>
[GenerateSerializer, Immutable]
public sealed record ListingSnapshot(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] Guid AgencyId,
    [property: Id(2)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(3)] IReadOnlyList<Guid> OwnerIds,
    [property: Id(4)] Money? SalePrice,
    [property: Id(5)] LicenseTerms? LicenseTerms,
    [property: Id(6)] DateOnly ExpiresOn,
    [property: Id(7)] ListingStatus Status,
    [property: Id(8)] IReadOnlyList<OfferSnapshot> Offers,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] IReadOnlyList<LicenseDraft> LicenseDrafts,
    [property: Id(11)] Guid? EnforcesPledge = null);
