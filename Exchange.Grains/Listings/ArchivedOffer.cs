namespace Exchange.Grains.Listings;

/// <summary>A closed offer, moved out of its listing's live state: still readable, never changed again.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchivedOffer([property: Id(0)] Guid ListingId, [property: Id(1)] OfferSnapshot Offer, [property: Id(2)] DateTimeOffset ArchivedAt);

[GenerateSerializer, Immutable]
public sealed record ArchivedOfferPage([property: Id(0)] IReadOnlyList<ArchivedOffer> Offers, [property: Id(1)] long? NextCursor);
