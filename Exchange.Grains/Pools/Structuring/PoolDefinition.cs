using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>How a tranche's principal is scheduled to be repaid under the normal waterfall.</summary>
public enum Amortization
{
    /// <summary>In equal parts on every distribution date (the last part takes the remainder).</summary>
    EqualParts = 0,

    /// <summary>All on the last distribution date.</summary>
    AtMaturity = 1,
}

/// <summary>A tranche as the originator structures it: its rank, its units and their face value, its coupon and its offering.</summary>
/// <param name="CouponPercent">Yearly, accrued actual/360 on the outstanding principal; 0 for the subordinated tranche, whose return is the residual.</param>
/// <param name="MinimumLot">Investors subscribe, and are allotted, in whole lots of this many units.</param>
/// <param name="MinimumUnitsToIssue">Below this many units subscribed the whole pool is cancelled and every subscriber refunded.</param>
[GenerateSerializer, Immutable]
public sealed record TrancheDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] TrancheSeniority Seniority,
    [property: Id(2)] long UnitsOffered,
    [property: Id(3)] Money UnitFaceValue,
    [property: Id(4)] decimal CouponPercent,
    [property: Id(5)] long MinimumLot,
    [property: Id(6)] long MinimumUnitsToIssue,
    [property: Id(7)] Amortization Amortization);

/// <summary>A fee the waterfall pays each period to a participant (the trustee, the servicer): a fixed amount, or a yearly percent of the outstanding principal.</summary>
[GenerateSerializer, Immutable]
public sealed record FeeDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] Guid PayeeId,
    [property: Id(2)] Money FixedPerPeriod,
    [property: Id(3)] decimal AnnualPercentOfOutstanding)
{
    /// <summary>The fee as the waterfall charges it: fixed per period when it has a fixed amount, else a rate on the outstanding.</summary>
    public Fee AsCharged() => FixedPerPeriod.Fen > 0 ? Fee.Fixed(Id, FixedPerPeriod) : Fee.OnOutstanding(Id, AnnualPercentOfOutstanding / 100m);
}

/// <summary>
/// A securitization pool as its originator structures it (domain.md §7): the tranches it offers, the distribution
/// dates, its fees, reserve, triggers and clean-up call, the subscription window's close, and the per-pool limits on
/// holders and resale (国发〔2011〕38号). The waterfall itself is built from it by <see cref="PoolStructure.Terms"/>.
/// </summary>
/// <param name="CoverageTriggerMultiple">The pool accelerates when a period's collections fall below this multiple of the senior interest due (1.2); 0 for no coverage trigger.</param>
/// <param name="MissedSeniorInterestTrigger">Whether a senior interest payment missed accelerates the pool, for good.</param>
/// <param name="CleanUpCallPercent">The originator may call the pool once its outstanding principal is below this percent of the original (10).</param>
/// <param name="MaxHolders">At most this many investors hold units at once (200 by the rule; a pool may set fewer).</param>
/// <param name="MinimumHoldingTradingDays">Units bought are resold no sooner than this many trading days later (5 by the rule).</param>
/// <param name="ProjectedCollections">The royalties the originator expects by each distribution date: the base case investors' scenarios scale.</param>
[GenerateSerializer, Immutable]
public sealed record PoolDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly SubscriptionClosesOn,
    [property: Id(2)] IReadOnlyList<DateOnly> DistributionDates,
    [property: Id(3)] IReadOnlyList<TrancheDefinition> Tranches,
    [property: Id(4)] IReadOnlyList<FeeDefinition> Fees,
    [property: Id(5)] Money ReserveTarget,
    [property: Id(6)] decimal CoverageTriggerMultiple,
    [property: Id(7)] bool CoverageTriggerCurable,
    [property: Id(8)] bool MissedSeniorInterestTrigger,
    [property: Id(9)] decimal CleanUpCallPercent,
    [property: Id(10)] int MaxHolders,
    [property: Id(11)] int MinimumHoldingTradingDays,
    [property: Id(12)] IReadOnlyList<Money> ProjectedCollections)
{
    /// <summary>The pool's legal final maturity: its last distribution date. Every receivable must run at least this long.</summary>
    public DateOnly MaturesOn => DistributionDates[^1];

    public TrancheDefinition Tranche(string trancheId) => Tranches.FirstOrDefault(t => t.Id == trancheId)
        ?? throw new DomainException(DomainErrors.InvalidSubscription, $"The pool has no tranche {trancheId}; its tranches are {string.Join(", ", Tranches.Select(t => t.Id))}.", "trancheId");

    public FeeDefinition Fee(string feeId) => Fees.Single(f => f.Id == feeId);

    /// <summary>Value equality including the lists (record equality compares list references): a repeat of the same structure is the same pool.</summary>
    public static bool Same(PoolDefinition a, PoolDefinition b) =>
        a with { DistributionDates = [], Tranches = [], Fees = [], ProjectedCollections = [] } == b with { DistributionDates = [], Tranches = [], Fees = [], ProjectedCollections = [] }
        && a.DistributionDates.SequenceEqual(b.DistributionDates) && a.Tranches.SequenceEqual(b.Tranches) && a.Fees.SequenceEqual(b.Fees)
        && a.ProjectedCollections.SequenceEqual(b.ProjectedCollections);
}
