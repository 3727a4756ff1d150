using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

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
    [property: Id(9)] DateTimeOffset CreatedAt)
{
    /// <summary>The licence drafts of this listing's accepted licence offers.</summary>
    public IReadOnlyList<LicenseDraft> LicenseDrafts =>
        Offers.Where(o => o.Status == OfferStatus.Accepted && o.Kind == OfferKind.License)
            .Select(o => new LicenseDraft(ListingId, o.OfferId, ApplicationNumbers, OwnerIds, o.BidderId, o.AgreedTerms!))
            .ToArray();
}
