using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>What a listing offers, as stored (its own type, not the request; the JSON names are the storage contract).</summary>
public sealed record ListingTerms(IReadOnlyList<string> ApplicationNumbers, Money? SalePrice, LicenseTerms? LicenseTerms, DateOnly ExpiresOn);

/// <summary>What an offer bids, as stored.</summary>
public sealed record OfferTerms(OfferKind Kind, Money? Price, LicenseTerms? LicenseTerms, DateOnly ExpiresOn)
{
    public static OfferTerms From(MakeOffer validated) => new(validated.Kind, validated.Price, validated.LicenseTerms, validated.ExpiresOn);

    public bool Matches(MakeOffer offer) => Kind == offer.Kind && ExpiresOn == offer.ExpiresOn
        && (Kind == OfferKind.Purchase ? Price == offer.Price : LicenseTerms.Same(LicenseTerms, offer.LicenseTerms));
}
