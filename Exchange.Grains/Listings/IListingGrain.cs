using Orleans.Concurrency;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>
/// An operating agency's listing of a patent or a package of patents for sale and/or licence, made on every
/// owner's mandate (domain.md §4), with the offers made on it. The listing is open until a deal closes it, the
/// agency withdraws it or it expires; each offer negotiates through its own lifecycle. Keyed by listing id. Its live
/// state holds the open offers, accepted licence offers awaiting execution and the 20 most recently closed; older
/// closed offers are archived and read through <see cref="ClosedOffers"/>.
/// </summary>
[Alias("exchange.listing")]
public interface IListingGrain : IGrainWithGuidKey
{
    /// <summary>Opens the listing; checks the agency's mandate from every owner and that every patent is in force.</summary>
    [Alias("create")]
    Task<ListingSnapshot> Create(CreateListing command, Actor agency);

    [Alias("get")]
    [AlwaysInterleave]
    Task<ListingSnapshot?> TryGet();

    [Alias("withdraw")]
    Task<ListingSnapshot> Withdraw(Actor agency);

    [Alias("make-offer")]
    Task<OfferSnapshot> MakeOffer(Guid offerId, MakeOffer offer, Actor bidder);

    /// <summary>The lister proposes other terms: a price for a purchase offer, terms for a licence offer.</summary>
    [Alias("counter")]
    Task<OfferSnapshot> Counter(Guid offerId, Money? price, LicenseTerms? terms, Actor agency);

    /// <summary>
    /// The lister accepts an offer (or the bidder accepts a counter-offer). A purchase, or an exclusive or sole
    /// licence, closes the listing and rejects the other live offers; ordinary licences leave it open.
    /// </summary>
    [Alias("accept")]
    Task<ListingSnapshot> Accept(Guid offerId, Actor actor);

    /// <summary>The lister rejects an offer, or the bidder declines a counter-offer.</summary>
    [Alias("reject")]
    Task<OfferSnapshot> Reject(Guid offerId, Actor actor);

    [Alias("withdraw-offer")]
    Task<OfferSnapshot> WithdrawOffer(Guid offerId, Actor bidder);

    /// <summary>Closed offers moved out of the listing's live state, oldest first, paged by cursor.</summary>
    [Alias("closed-offers")]
    [AlwaysInterleave]
    Task<ArchivedOfferPage> ClosedOffers(long afterSequence, int limit);

    /// <summary>Expires the listing and the offers whose dates have passed by the business clock.</summary>
    [Alias("check-expiry")]
    Task<ListingSnapshot> CheckExpiry();
}
