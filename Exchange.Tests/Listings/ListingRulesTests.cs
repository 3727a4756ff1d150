using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;

namespace Exchange.Tests.Listings;

public sealed class ListingRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static OfferState Offer(OfferStatus status, OfferKind kind = OfferKind.Purchase, int minutesAgo = 0, DateOnly? expires = null) => new()
    {
        OfferId = Guid.NewGuid(),
        BidderId = Guid.NewGuid(),
        Offer = new OfferTerms(kind, kind == OfferKind.Purchase ? Money.FromYuan(1_000) : null,
            kind == OfferKind.License ? new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 12, Money.Zero, 100, Money.Zero) : null, expires ?? Today.AddDays(10)),
        Status = status,
        UpdatedAt = Now.AddMinutes(-minutesAgo),
    };

    [Fact]
    public void OnlyClosedOffers_BeyondTheMostRecentlyClosed_AreArchived_OldestFirst()
    {
        var closed = Enumerable.Range(0, ListingRules.RecentlyClosedKept + 3).Select(i => Offer(OfferStatus.Rejected, minutesAgo: 100 - i)).ToList();
        var live = Offer(OfferStatus.Submitted, minutesAgo: 500);
        var archived = ListingRules.ToArchive([live, .. closed], Today);
        Assert.Equal(closed.Take(3), archived);
    }

    [Fact]
    public void AcceptedLicenceOffer_StaysLiveUntilExecuted_OrPastItsDate()
    {
        var awaiting = Offer(OfferStatus.Accepted, OfferKind.License, minutesAgo: 1_000);
        var lapsed = Offer(OfferStatus.Accepted, OfferKind.License, minutesAgo: 1_000, expires: Today.AddDays(-1));
        var closed = Enumerable.Range(0, ListingRules.RecentlyClosedKept).Select(_ => Offer(OfferStatus.Withdrawn)).ToList();
        var archived = ListingRules.ToArchive([awaiting, lapsed, .. closed], Today);
        Assert.Equal([lapsed], archived);
        awaiting.ExecutedAs = Guid.NewGuid();
        Assert.Contains(awaiting, ListingRules.ToArchive([awaiting, lapsed, .. closed], Today));
    }
}
