namespace Exchange.Grains.Listings;

public enum ListingStatus
{
    Open = 0,
    Closed = 1,
    Withdrawn = 2,
    Expired = 3,
}
