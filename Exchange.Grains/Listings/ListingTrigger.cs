namespace Exchange.Grains.Listings;

public enum ListingTrigger
{
    Close = 0,
    Withdraw = 1,
    Expire = 2,

    /// <summary>A check, not a move: an offer is made or accepted, which only an open listing allows.</summary>
    TakeOffer = 10,
}
