namespace Exchange.Grains.Listings;

public enum OfferTrigger
{
    /// <summary>The lister proposes other terms.</summary>
    Counter = 0,

    /// <summary>The lister accepts the bidder's offer.</summary>
    Accept = 1,

    /// <summary>The bidder accepts the lister's counter-offer.</summary>
    AcceptCounter = 2,

    /// <summary>The lister rejects the offer, or the listing closed under it.</summary>
    Reject = 3,

    /// <summary>The bidder declines the counter-offer.</summary>
    Decline = 4,

    /// <summary>The bidder takes the offer back.</summary>
    Withdraw = 5,

    Expire = 6,
}
