namespace Exchange.Grains.Listings;

public enum OfferStatus
{
    Submitted = 0,
    Countered = 1,
    Accepted = 2,
    Rejected = 3,
    Withdrawn = 4,
    Expired = 5,
}
