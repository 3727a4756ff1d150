namespace Exchange.Grains.Listings;

public enum ListingTrigger
{
    Close = 0,
    Withdraw = 1,
    Expire = 2,
}
