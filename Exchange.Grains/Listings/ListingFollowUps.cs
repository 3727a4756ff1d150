using Exchange.Grains.FollowUps;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Listings;

/// <summary>The navigation row follows the listing; a repeat rewrites the same row.</summary>
internal sealed record UpsertListingIndex(ListingIndexEntry Entry, string Change) : FollowUp
{
    public override string Id => $"listing-index:{Entry.ListingId:N}:{Change}";

    public override Task RunAsync(FollowUpContext context) => context.Projections.UpsertListingIndexAsync(Entry);
}

/// <summary>A closed offer leaves the listing's live state for the archive, where it stays readable.</summary>
internal sealed record ArchiveOffer(ArchivedOffer Offer) : FollowUp
{
    public override string Id => $"archive-offer:{Offer.Offer.OfferId:N}";

    public override Task RunAsync(FollowUpContext context) => context.Projections.ArchiveOfferAsync(Offer);
}

/// <summary>
/// The patent shows the listing among its encumbrances while it is open; a listing that opens on owners the patent no
/// longer has (or on a patent no longer in force) is closed by the patent instead.
/// </summary>
internal sealed record TellPatentOfListing(string ApplicationNumber, Guid ListingId, bool Open, IReadOnlyList<Guid>? Owners = null) : FollowUp
{
    public override string Id => $"patent-listing:{ApplicationNumber}:{ListingId:N}:{Open}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).ListingChanged(ListingId, Open, Owners));
}

/// <summary>A listed patent changed hands or ended: the listing closes (the patent that ended already knows).</summary>
internal sealed record CloseListingForPatent(Guid ListingId, string ApplicationNumber, string Reason) : FollowUp
{
    public override string Id => $"close-listing:{ListingId:N}:{ApplicationNumber}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IListingDeals>(ListingId).CloseForPatent(ApplicationNumber, Reason));
}
