using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>Storage shape of a listing and its offers; never leaves the grain.</summary>
[GenerateSerializer]
internal sealed class ListingState
{
    [Id(0)] public int SchemaVersion { get; set; } = 1;
    [Id(1)] public CreateListing? Listing { get; set; }
    [Id(2)] public Guid AgencyId { get; set; }
    [Id(3)] public List<Guid> OwnerIds { get; set; } = [];
    [Id(4)] public ListingStatus Status { get; set; }
    [Id(5)] public List<OfferState> Offers { get; set; } = [];
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public List<string> IpcClasses { get; set; } = [];
    [Id(8)] public string SearchText { get; set; } = "";
}

[GenerateSerializer]
internal sealed class OfferState
{
    [Id(0)] public Guid OfferId { get; set; }
    [Id(1)] public Guid BidderId { get; set; }
    [Id(2)] public MakeOffer Offer { get; set; } = null!;
    [Id(3)] public OfferStatus Status { get; set; }
    [Id(4)] public Money? CounterPrice { get; set; }
    [Id(5)] public LicenseTerms? CounterTerms { get; set; }
    [Id(6)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(8)] public List<Guid> PatentTransfers { get; set; } = [];
}
