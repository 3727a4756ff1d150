using Exchange.Grains.Common;
using Exchange.Grains.Listings;

namespace Exchange.Tests.Listings;

public sealed class NegotiationLifecycleTests
{
    public static TheoryData<OfferStatus, OfferTrigger, OfferStatus> AllowedOffer => new()
    {
        { OfferStatus.Submitted, OfferTrigger.Counter, OfferStatus.Countered },
        { OfferStatus.Submitted, OfferTrigger.Accept, OfferStatus.Accepted },
        { OfferStatus.Submitted, OfferTrigger.Reject, OfferStatus.Rejected },
        { OfferStatus.Submitted, OfferTrigger.Withdraw, OfferStatus.Withdrawn },
        { OfferStatus.Submitted, OfferTrigger.Expire, OfferStatus.Expired },
        { OfferStatus.Countered, OfferTrigger.AcceptCounter, OfferStatus.Accepted },
        { OfferStatus.Countered, OfferTrigger.Decline, OfferStatus.Rejected },
        { OfferStatus.Countered, OfferTrigger.Reject, OfferStatus.Rejected },
        { OfferStatus.Countered, OfferTrigger.Withdraw, OfferStatus.Withdrawn },
        { OfferStatus.Countered, OfferTrigger.Expire, OfferStatus.Expired },
        { OfferStatus.Accepted, OfferTrigger.Accept, OfferStatus.Accepted },
        { OfferStatus.Rejected, OfferTrigger.Reject, OfferStatus.Rejected },
        { OfferStatus.Withdrawn, OfferTrigger.Withdraw, OfferStatus.Withdrawn },
        { OfferStatus.Expired, OfferTrigger.Expire, OfferStatus.Expired },
    };

    public static TheoryData<OfferStatus, OfferTrigger> ForbiddenOffer => new()
    {
        { OfferStatus.Submitted, OfferTrigger.AcceptCounter },
        { OfferStatus.Submitted, OfferTrigger.Decline },
        { OfferStatus.Countered, OfferTrigger.Accept },
        { OfferStatus.Countered, OfferTrigger.Counter },
        { OfferStatus.Accepted, OfferTrigger.Withdraw },
        { OfferStatus.Accepted, OfferTrigger.Reject },
        { OfferStatus.Accepted, OfferTrigger.Expire },
        { OfferStatus.Rejected, OfferTrigger.Accept },
        { OfferStatus.Withdrawn, OfferTrigger.Accept },
        { OfferStatus.Expired, OfferTrigger.Accept },
        { OfferStatus.Expired, OfferTrigger.Counter },
    };

    [Theory]
    [MemberData(nameof(AllowedOffer))]
    public void OfferTrigger_Allowed_ReachesItsStatus(OfferStatus from, OfferTrigger trigger, OfferStatus to)
    {
        var status = from;
        new OfferLifecycle(() => status, s => status = s).TryFire(trigger);
        Assert.Equal(to, status);
    }

    [Theory]
    [MemberData(nameof(ForbiddenOffer))]
    public void OfferTrigger_Forbidden_IsRefused(OfferStatus from, OfferTrigger trigger)
    {
        var status = from;
        Assert.Equal(DomainErrors.InvalidTransition, Assert.Throws<DomainException>(() => new OfferLifecycle(() => status, s => status = s).TryFire(trigger)).Error);
        Assert.Equal(from, status);
    }

    [Theory]
    [InlineData(ListingStatus.Open, ListingTrigger.Close, ListingStatus.Closed)]
    [InlineData(ListingStatus.Open, ListingTrigger.Withdraw, ListingStatus.Withdrawn)]
    [InlineData(ListingStatus.Open, ListingTrigger.Expire, ListingStatus.Expired)]
    [InlineData(ListingStatus.Closed, ListingTrigger.Expire, ListingStatus.Closed)]
    [InlineData(ListingStatus.Withdrawn, ListingTrigger.Withdraw, ListingStatus.Withdrawn)]
    public void ListingTrigger_Allowed_ReachesItsStatus(ListingStatus from, ListingTrigger trigger, ListingStatus to)
    {
        var status = from;
        new ListingLifecycle(() => status, s => status = s).TryFire(trigger);
        Assert.Equal(to, status);
    }

    [Theory]
    [InlineData(ListingStatus.Closed, ListingTrigger.Withdraw)]
    [InlineData(ListingStatus.Withdrawn, ListingTrigger.Close)]
    [InlineData(ListingStatus.Expired, ListingTrigger.Close)]
    [InlineData(ListingStatus.Expired, ListingTrigger.Withdraw)]
    public void ListingTrigger_Forbidden_IsRefused(ListingStatus from, ListingTrigger trigger)
    {
        var status = from;
        Assert.Throws<DomainException>(() => new ListingLifecycle(() => status, s => status = s).TryFire(trigger));
        Assert.Equal(from, status);
    }
}
