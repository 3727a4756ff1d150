using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Patents;

/// <summary>Storage shape of a patent; never leaves the grain. The JSON property names are the storage contract.</summary>
internal sealed class PatentState : IHasOutbox
{
    /// <summary>
    /// 2: own record type, claims with their stage, invalidation date, outbox. 3: registration confirmations; rows of
    /// earlier versions were registered before confirmation was required and read as confirmed (<see cref="Upgrade"/>).
    /// 4: a pending transfer is provisional until confirmed; earlier ones read as confirmed. 5: a pledge's hold, a
    /// court's preservation order and a pending invalidation request (earlier rows had none).
    /// </summary>
    public const int CurrentSchema = 5;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public PatentRecord? Registration { get; set; }

    /// <summary>Who registered it: an owner (to be confirmed) or the operator acting on the office's record.</summary>
    public Guid RegisteredBy { get; set; }

    /// <summary>The patent office record the operator confirmed the registration against; null until confirmed.</summary>
    public string? OfficeRecord { get; set; }

    /// <summary>Owners who confirmed that they own the patent as registered; every owner must, before it is traded.</summary>
    public SortedSet<Guid> OwnerConfirmations { get; set; } = [];
    public LegalStatus LegalStatus { get; set; }
    public DateOnly? GrantDate { get; set; }
    public SortedSet<int> PaidFeeYears { get; set; } = [];
    public DateOnly? LapsedFrom { get; set; }
    public DateOnly? LapseNoticeDate { get; set; }
    public int TermAdjustmentDays { get; set; }
    public List<Mandate> Mandates { get; set; } = [];
    public SortedSet<Guid> OpenListings { get; set; } = [];
    /// <summary>The transfer holding the patent: provisional from its proposal until the transfer confirms it (<see cref="PatentFacts.HeldTransfer"/>).</summary>
    public Guid? PendingTransfer { get; set; }

    public DateTimeOffset? PendingTransferSince { get; set; }

    public bool PendingTransferConfirmed { get; set; }

    /// <summary>Every transfer that assigned this patent: a repeated completion is recognized. Grows by one per sale.</summary>
    public List<Guid> CompletedTransfers { get; set; } = [];

    public string? InvalidationDecision { get; set; }
    public DateOnly? InvalidatedOn { get; set; }

    /// <summary>Version-1 rows hold claims without a stage; they read as claims in effect.</summary>
    public List<ClaimedLicense> LicenseClaims { get; set; } = [];

    public Licenses.OpenLicenseDeclaration? OpenLicense { get; set; }

    /// <summary>The pledge holding the patent as collateral, with the pledgee's consents; null while it is not pledged.</summary>
    public PledgeHold? Pledge { get; set; }

    /// <summary>The court's preservation order (财产保全) freezing the patent, by its reference; null when none is in force.</summary>
    public string? PreservationOrder { get; set; }

    /// <summary>An invalidation request awaiting its decision, by its reference; null when none is pending.</summary>
    public string? InvalidationRequest { get; set; }

    /// <summary>A fee payment asked for and not yet recorded (<see cref="FeePayment"/>).</summary>
    public FeePayment? FeePaymentPending { get; set; }
    public Outbox Outbox { get; set; } = new();

    /// <summary>Brings a row of an earlier schema up to this one, in memory; the next write stores it.</summary>
    public void Upgrade()
    {
        if (SchemaVersion < 3 && Registration is not null)
        {
            OfficeRecord ??= "registered before confirmation was required";
            OwnerConfirmations.UnionWith(Registration.Owners.Select(o => o.ParticipantId));
        }
        if (SchemaVersion < 4 && PendingTransfer is not null)
        {
            PendingTransferConfirmed = true;
        }
        SchemaVersion = CurrentSchema;
    }
}
