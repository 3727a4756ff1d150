using Exchange.Grains.Licenses;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Listings;

/// <summary>What follows from a listing's stored state: its snapshot, its offers', its navigation row, its deals awaiting execution.</summary>
internal static class ListingFacts
{
    public static OfferSnapshot OfferSnapshot(OfferState o) => new(o.OfferId, o.BidderId, o.Offer.Kind, o.Offer.Price, o.Offer.LicenseTerms,
        o.Offer.ExpiresOn, o.Status, o.CounterPrice, o.CounterTerms, o.SubmittedAt, o.UpdatedAt, o.PatentTransfers.ToArray(), o.ExecutedAs);

    /// <summary>The licence an accepted licence offer agreed on: the listed patents, to the bidder, on the agreed terms.</summary>
    public static LicenseDraft DraftOf(Guid listingId, ListingState state, OfferState offer) =>
        new(listingId, offer.OfferId, state.Listing!.ApplicationNumbers, state.OwnerIds, offer.BidderId, offer.CounterTerms ?? offer.Offer.LicenseTerms!);

    public static ListingSnapshot Snapshot(Guid listingId, ListingState state, DateOnly today)
    {
        var t = state.Listing!;
        return new ListingSnapshot(listingId, state.AgencyId, t.ApplicationNumbers, state.OwnerIds, t.SalePrice, t.LicenseTerms, t.ExpiresOn,
            state.Status, state.Offers.Select(OfferSnapshot).ToArray(), state.CreatedAt,
            state.Offers.Where(o => ListingRules.AwaitsExecution(o, today)).Select(o => DraftOf(listingId, state, o)).ToArray(), state.EnforcesPledge);
    }

    /// <summary>The listing's row in the navigation index.</summary>
    public static ListingIndexEntry IndexEntry(Guid listingId, ListingState state)
    {
        var t = state.Listing!;
        return new ListingIndexEntry(listingId, state.Status, state.AgencyId, state.OwnerIds, t.ApplicationNumbers, state.IpcClasses, state.SearchText,
            t.LicenseTerms?.Type, (t.SalePrice ?? t.LicenseTerms?.UpfrontFee)?.Fen, t.ExpiresOn, state.CreatedAt);
    }
}
