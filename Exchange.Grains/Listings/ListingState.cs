using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>Storage shape of a listing and its live offers; never leaves the grain. The JSON names are the storage contract.</summary>
internal sealed class ListingState : IHasOutbox
{
    /// <summary>2: own stored types, archived offers, outbox (version-1 rows read as they are).</summary>
    public const int CurrentSchema = 2;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public ListingTerms? Listing { get; set; }
    /// <summary>The lister: the agency, or the pledgee of <see cref="EnforcesPledge"/>.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>The pledge whose collateral this listing sells in enforcement; null for an agency's listing (rows written before).</summary>
    public Guid? EnforcesPledge { get; set; }
    public List<Guid> OwnerIds { get; set; } = [];
    public ListingStatus Status { get; set; }

    /// <summary>Live offers, accepted licence offers awaiting execution, and the most recently closed ones; older ones are archived.</summary>
    public List<OfferState> Offers { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public List<string> IpcClasses { get; set; } = [];
    public string SearchText { get; set; } = "";
    public Outbox Outbox { get; set; } = new();
}

internal sealed class OfferState
{
    public Guid OfferId { get; set; }
    public Guid BidderId { get; set; }
    public OfferTerms Offer { get; set; } = null!;
    public OfferStatus Status { get; set; }
    public Money? CounterPrice { get; set; }
    public LicenseTerms? CounterTerms { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Guid> PatentTransfers { get; set; } = [];

    /// <summary>For an accepted licence offer: the licence it was executed as.</summary>
    public Guid? ExecutedAs { get; set; }
}
