using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Pledges;

/// <summary>A repayment asked for and not yet recorded: written before the money moves, so that a crash between is finished, never paid twice.</summary>
/// <param name="Early">An early repayment of principal (the schedule is recomputed), not an instalment.</param>
/// <param name="Interest">The interest an early repayment owes on its principal since the last due date, fixed when it was asked for.</param>
[GenerateSerializer, Immutable]
public sealed record PledgePayment(
    [property: Id(0)] int Number,
    [property: Id(1)] Money Amount,
    [property: Id(2)] bool Early,
    [property: Id(3)] Guid PayerId,
    [property: Id(4)] Guid PaymentId,
    [property: Id(5)] Money Interest = default)
{
    /// <summary>What the posting moves: the amount, and for an early repayment the interest accrued on it since the last due date.</summary>
    public Money Total => Amount + Interest;
}

/// <summary>Storage shape of a pledge; never leaves the grain. The JSON names are the storage contract.</summary>
internal sealed class PledgeState : IHasOutbox
{
    /// <summary>2: the money of consented deals (escrow by owner, patents sold out of the collateral); version-1 rows read as they are.</summary>
    public const int CurrentSchema = 2;

    /// <summary>At most this many royalty sweeps are remembered by posting id: one per swept royalty payment.</summary>
    public const int MaxRoyaltyCredits = 500;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public PledgeApplication? Application { get; set; }
    public Guid AppliedBy { get; set; }
    public PledgeStatus Status { get; set; }

    /// <summary>Who pledges: the pledged patents' owners and the pledged licences' licensors when it was applied for.</summary>
    public SortedSet<Guid> Pledgors { get; set; } = [];

    /// <summary>Who signed the application: the pledgee and the pledgors, each once.</summary>
    public SortedSet<Guid> Signatures { get; set; } = [];
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? DecidedOn { get; set; }

    /// <summary>The day a review still undecided passed its deadline, once flagged.</summary>
    public DateOnly? ReviewDeadlineMissedOn { get; set; }

    /// <summary>Why the office refused it: the rules' reasons and the operator's note. Bounded by the rules times the collateral.</summary>
    public List<PledgeRefusal> Refusals { get; set; } = [];

    /// <summary>The repayment schedule: the instalments paid, then the ones to come (recomputed by an early repayment). At most 360.</summary>
    public List<Instalment> Schedule { get; set; } = [];

    /// <summary>Everything paid towards the schedule, instalments and swept royalties alike.</summary>
    public Money Repaid { get; set; }

    /// <summary>Principal repaid early, outside the schedule.</summary>
    public Money Prepaid { get; set; }
    public int Payments { get; set; }
    public PledgePayment? PaymentPending { get; set; }

    /// <summary>The last <see cref="MaxRecentPayments"/> repayments recorded, by the id the command derived from its key: a copy of one is answered, not paid again.</summary>
    public List<Guid> RecentPayments { get; set; } = [];

    public const int MaxRecentPayments = 100;
    public DateOnly? DefaultedOn { get; set; }

    /// <summary>The sale of the collateral on enforcement, once the pledgee proposed one.</summary>
    public EnforcementSale? Sale { get; set; }

    /// <summary>What the sale price did not cover: it stays a claim of the pledgee on the pledgors.</summary>
    public Money Shortfall { get; set; }

    /// <summary>The royalty payments swept to the pledgee and credited, by posting id (a repeated notice credits nothing).</summary>
    public List<string> RoyaltyCredits { get; set; } = [];

    /// <summary>The deals in the collateral the pledgee consented to. At most <see cref="Patents.PledgeHold.MaxConsents"/>.</summary>
    public List<Patents.PledgeeConsent> DisposalConsents { get; set; } = [];

    /// <summary>The consented deals' money held in the pledge's proceeds account, by the owner it belongs to (at most one entry per pledgor).</summary>
    public List<OwnerAmount> Escrow { get; set; } = [];

    /// <summary>The last <see cref="MaxRoyaltyCredits"/> receipts of a consented deal's money applied, by posting (a repeated notice applies nothing).</summary>
    public List<string> ProceedsPostings { get; set; } = [];

    /// <summary>Pledged patents sold with the pledgee's consent: out of the collateral, their price in its place. At most the pledged patents.</summary>
    public List<string> SoldPatents { get; set; } = [];

    /// <summary>The bank's references of the last <see cref="MaxRecentPayments"/> repayments it recorded as received outside the exchange: each is recorded once.</summary>
    public List<string> ReceivedReferences { get; set; } = [];

    /// <summary>Pledged patents declared invalid since: no longer collateral, never sold. At most the pledged patents.</summary>
    public List<string> InvalidatedPatents { get; set; } = [];
    public Outbox Outbox { get; set; } = new();
}
