using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Patents;

namespace Exchange.Grains.PatentTransfers;

/// <summary>Storage shape of a patent transfer; never leaves the grain. The JSON names are the storage contract.</summary>
internal sealed class PatentTransferState : IHasOutbox
{
    /// <summary>2: own sale type, recording deadline, settlement as follow-ups, outbox (version-1 rows read as they are).</summary>
    public const int CurrentSchema = 2;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public PatentSale? Proposal { get; set; }
    public List<PatentOwner> Sellers { get; set; } = [];
    public PatentTransferStatus Status { get; set; }
    public SortedSet<Guid> Consents { get; set; } = [];
    public bool BuyerIsForeign { get; set; }
    public string? ExportApprovalReference { get; set; }
    public string? RegistrationReference { get; set; }
    public List<Money> SellerProceeds { get; set; } = [];

    /// <summary>Escrow attempts so far; each attempt's holds have their own ids, so a failed attempt never blocks the next.</summary>
    public int EscrowAttempt { get; set; }

    /// <summary>When it was proposed: unless recorded within the configured period it is cancelled and the escrow released.</summary>
    public DateOnly? ProposedOn { get; set; }

    /// <summary>Version-1 rows only: the listings a settlement interrupted before this version had yet to close.</summary>
    public List<Guid>? ListingsToClose { get; set; }

    /// <summary>The pledge holding the patent, whose pledgee consented to this sale: the price is paid into the pledge's proceeds account.</summary>
    public Guid? PledgeId { get; set; }

    public string? CancelReason { get; set; }
    public Outbox Outbox { get; set; } = new();

    /// <summary>
    /// Brings a version-1 row up to this schema, in memory; true when it must be written (a value that cannot be
    /// derived again later). An open version-1 transfer had no proposal date: its recording deadline runs from its
    /// first activation under this version.
    /// </summary>
    public bool Upgrade(DateOnly today)
    {
        var changed = SchemaVersion < CurrentSchema && Proposal is not null && ProposedOn is null;
        if (changed)
        {
            ProposedOn = today;
        }
        SchemaVersion = CurrentSchema;
        return changed;
    }
}
