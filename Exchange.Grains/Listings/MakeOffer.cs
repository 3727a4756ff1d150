using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

public enum OfferKind
{
    Purchase = 0,
    License = 1,
}

/// <summary>A bid: a price for the purchase, or licence terms; open until it expires.</summary>
[GenerateSerializer, Immutable]
public sealed record MakeOffer(
    [property: Id(0)] OfferKind Kind,
    [property: Id(1)] Money? Price,
    [property: Id(2)] LicenseTerms? LicenseTerms,
    [property: Id(3)] DateOnly ExpiresOn);
