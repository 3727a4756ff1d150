using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Licenses;

/// <summary>Storage shape of a licence; never leaves the grain. The JSON names are the storage contract.</summary>
internal sealed class LicenseState : IHasOutbox
{
    /// <summary>
    /// 2: own agreement type, parties read from the patents, invalidation, origin, outbox (version-1 rows read as they are).
    /// 3: payments' recipients fixed with their intent (<see cref="PendingPayouts"/>; version-2 rows have none pending).
    /// </summary>
    public const int CurrentSchema = 3;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public LicenseAgreement? Draft { get; set; }
    public LicenseOrigin? Origin { get; set; }
    public LicenseScope? Scope { get; set; }
    public LicenseStatus Status { get; set; }

    /// <summary>Co-owners who consented; who must consent is read from the patents' current owners.</summary>
    public SortedSet<Guid> Consents { get; set; } = [];

    /// <summary>One per reported period: bounded by the licence's term (at most 480 monthly periods).</summary>
    public List<RoyaltyInvoice> Invoices { get; set; } = [];

    public DateOnly? SubmittedOn { get; set; }

    /// <summary>
    /// The licence is to take effect against its upfront fee, by whom: written before the fee moves, so that a crash
    /// between the payment and the activation is finished by the continuation, never left paid but not in effect.
    /// </summary>
    public Guid? ActivationRequestedBy { get; set; }
    public DateOnly? EffectiveOn { get; set; }

    /// <summary>
    /// Payments asked for and not yet recorded, by posting id, with the recipients fixed before their money moved: at
    /// most the upfront fee and one per reported period, each removed when its payment is recorded or refused.
    /// </summary>
    public SortedDictionary<string, RoyaltyPayout> PendingPayouts { get; set; } = new(StringComparer.Ordinal);
    public DateOnly? FiledOn { get; set; }
    public string? FilingReference { get; set; }
    public string IpcSubclass { get; set; } = "";
    public RoyaltyAssignment? RoyaltyAssignment { get; set; }

    /// <summary>The pledge whose collateral includes these royalties (the receivable is pledged once at a time); null when none.</summary>
    public Guid? RoyaltiesPledgedTo { get; set; }

    /// <summary>The securitization pool the royalty receivable is sold into (held from its assignment while the pool is structured); null when none. Rows written before pools read as null.</summary>
    public Guid? RoyaltiesPooledIn { get; set; }

    /// <summary>Licensed patents declared invalid, and on which day.</summary>
    public SortedDictionary<string, DateOnly> InvalidatedPatents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Why the licence ended, once it has.</summary>
    public string? EndReason { get; set; }

    /// <summary>The day the licence's rights ended with its last patent's invalidation: no royalty is due for time after it.</summary>
    public DateOnly? RightsEndedOn { get; set; }

    public Outbox Outbox { get; set; } = new();

    /// <summary>
    /// Brings a version-1 row up to this schema, in memory; true when it must be written. A version-1 licence awaiting
    /// consents had no submission date: its 30 days for consents run from its first activation under this version.
    /// </summary>
    public bool Upgrade(DateOnly today)
    {
        var changed = SchemaVersion < 2 && Draft is not null && Status == LicenseStatus.ConsentsPending && SubmittedOn is null;
        if (changed)
        {
            SubmittedOn = today;
        }
        SchemaVersion = CurrentSchema;
        return changed;
    }
}
