using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Patents;

/// <summary>Storage shape of a patent; never leaves the grain. The JSON property names are the storage contract.</summary>
internal sealed class PatentState : IHasOutbox
{
    /// <summary>2: own record type, claims with their stage, invalidation date, outbox (version-1 rows read as they are).</summary>
    public const int CurrentSchema = 2;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public PatentRecord? Registration { get; set; }
    public LegalStatus LegalStatus { get; set; }
    public DateOnly? GrantDate { get; set; }
    public SortedSet<int> PaidFeeYears { get; set; } = [];
    public DateOnly? LapsedFrom { get; set; }
    public DateOnly? LapseNoticeDate { get; set; }
    public int TermAdjustmentDays { get; set; }
    public List<Mandate> Mandates { get; set; } = [];
    public SortedSet<Guid> OpenListings { get; set; } = [];
    public Guid? PendingTransfer { get; set; }

    /// <summary>Every transfer that assigned this patent: a repeated completion is recognized. Grows by one per sale.</summary>
    public List<Guid> CompletedTransfers { get; set; } = [];

    public string? InvalidationDecision { get; set; }
    public DateOnly? InvalidatedOn { get; set; }

    /// <summary>Version-1 rows hold claims without a stage; they read as claims in effect.</summary>
    public List<ClaimedLicense> LicenseClaims { get; set; } = [];

    public Licenses.OpenLicenseDeclaration? OpenLicense { get; set; }
    public Outbox Outbox { get; set; } = new();
}
