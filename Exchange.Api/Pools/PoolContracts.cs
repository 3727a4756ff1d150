using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Api.Pools;

/// <summary>A tranche as structured: its rank, units and their face value in yuan, its yearly coupon in percent, its offering.</summary>
public sealed record TrancheDto(
    [property: Text(20, Pattern = "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")] string Id,
    TrancheSeniority Seniority,
    [property: Whole(1, PoolStructure.MaxUnitsPerTranche)] long UnitsOffered,
    [property: Yuan] decimal UnitFaceValue,
    [property: Percent(30)] decimal CouponPercent,
    [property: Whole(1, PoolStructure.MaxUnitsPerTranche)] long MinimumLot,
    [property: Whole(0, PoolStructure.MaxUnitsPerTranche)] long MinimumUnitsToIssue,
    Amortization Amortization)
{
    public static TrancheDto Example => new("A", TrancheSeniority.Senior, 2_500, 100m, 4m, 10, 1_500, Amortization.EqualParts);

    public TrancheDefinition ToDomain(int i) => new(Id, Seniority, UnitsOffered, Money.PositiveFromYuan(UnitFaceValue, $"tranches[{i}].unitFaceValue"), CouponPercent, MinimumLot, MinimumUnitsToIssue, Amortization);

    public static TrancheDto From(TrancheDefinition t) => new(t.Id, t.Seniority, t.UnitsOffered, t.UnitFaceValue.Yuan, t.CouponPercent, t.MinimumLot, t.MinimumUnitsToIssue, t.Amortization);
}

/// <summary>A fee paid each period to a participant: a fixed amount in yuan, or a yearly percent of the outstanding principal (one of the two).</summary>
public sealed record FeeDto(
    [property: Text(20, Pattern = "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")] string Id,
    Guid PayeeId,
    [property: Yuan(AllowZero = true)] decimal FixedPerPeriod,
    [property: Percent(10)] decimal AnnualPercentOfOutstanding)
{
    public static FeeDto Example => new("trustee", Guid.Parse("0c6f3f8e-5d1a-4b7e-9c2d-3e4f5a6b7c8d"), 1_000m, 0m);

    public FeeDefinition ToDomain(int i) => new(Id, PayeeId, Money.FromYuan(FixedPerPeriod), AnnualPercentOfOutstanding);

    public static FeeDto From(FeeDefinition f) => new(f.Id, f.PayeeId, f.FixedPerPeriod.Yuan, f.AnnualPercentOfOutstanding);
}

/// <summary>
/// Structure a securitization pool (an operating agency as originator): the tranches offered, the distribution dates
/// (the last is the pool's maturity, which every receivable must outlive), the fees, the reserve's target, the
/// coverage trigger (a multiple of senior interest, 0 for none, curable or not) and the missed-senior-interest
/// trigger, the clean-up call, the holder and resale limits (at most 200 holders, at least 5 trading days), and the
/// collections projected for each date (the base case of every scenario).
/// </summary>
public sealed record StructurePoolRequest(
    [property: Text(200)] string Name,
    DateOnly SubscriptionClosesOn,
    [property: Items(1, PoolStructure.MaxDistributionDates)] DateOnly[] DistributionDates,
    [property: Items(1, PoolStructure.MaxTranches)] TrancheDto[] Tranches,
    [property: Items(0, PoolStructure.MaxFees)] FeeDto[]? Fees,
    [property: Yuan(AllowZero = true)] decimal ReserveTarget,
    [property: Percent(10)] decimal CoverageTriggerMultiple,
    bool CoverageTriggerCurable,
    bool MissedSeniorInterestTrigger,
    [property: Percent(50)] decimal CleanUpCallPercent,
    [property: Whole(1, PoolStructure.LegalMaxHolders)] int MaxHolders,
    [property: Whole(PoolStructure.LegalMinimumHoldingTradingDays, 250)] int MinimumHoldingTradingDays,
    [property: Items(1, PoolStructure.MaxDistributionDates)] decimal[] ProjectedCollections)
{
    public static StructurePoolRequest Example => new("Shenzhen SME patent licences 2027-1", new DateOnly(2027, 1, 15),
        [new DateOnly(2027, 4, 15), new DateOnly(2027, 7, 15), new DateOnly(2027, 10, 15), new DateOnly(2028, 1, 15)],
        [TrancheDto.Example, new TrancheDto("C", TrancheSeniority.Subordinated, 250, 100m, 0m, 250, 0, Amortization.AtMaturity)],
        [FeeDto.Example], 5_000m, 1.2m, true, true, 10m, 200, 5, [90_000m, 90_000m, 90_000m, 90_000m]);

    public PoolDefinition ToDomain() => new(Name, SubscriptionClosesOn, DistributionDates ?? [],
        [.. (Tranches ?? []).Select((t, i) => (t ?? throw new DomainException(DomainErrors.InvalidInput, "A tranche is required.", $"tranches[{i}]")).ToDomain(i))],
        [.. (Fees ?? []).Select((f, i) => (f ?? throw new DomainException(DomainErrors.InvalidInput, "A fee is required.", $"fees[{i}]")).ToDomain(i))],
        Money.FromYuan(ReserveTarget), CoverageTriggerMultiple, CoverageTriggerCurable, MissedSeniorInterestTrigger, CleanUpCallPercent, MaxHolders, MinimumHoldingTradingDays,
        [.. (ProjectedCollections ?? []).Select(Money.FromYuan)]);
}

public sealed record AssignReceivableRequest(Guid LicenseId)
{
    public static AssignReceivableRequest Example => new(Guid.Parse("3b9d2c4e-1f6a-4d8b-a7e5-9c0b1d2e3f4a"));
}

/// <summary>Subscribe units of a tranche, in whole lots: their face value is held in escrow from the caller's available funds until the pool is issued or cancelled.</summary>
public sealed record SubscribeRequest(
    [property: Text(20)] string TrancheId,
    [property: Whole(1, PoolStructure.MaxUnitsPerTranche)] long Units)
{
    public static SubscribeRequest Example => new("A", 100);
}

public sealed record TrancheResponse(TrancheDto Definition, long UnitsSubscribed, long UnitsIssued, decimal Outstanding, decimal UnpaidInterest, decimal OutstandingPerUnit)
{
    public static TrancheResponse From(PoolTrancheStanding t) => new(TrancheDto.From(t.Definition), t.UnitsSubscribed, t.UnitsIssued, t.Outstanding.Yuan, t.UnpaidInterest.Yuan, t.OutstandingPerUnit);
}

/// <summary>
/// A pool as it stands: its structure, status, tranches, reserve, where its lists are, and the commands it takes now as
/// its lifecycle says (<c>actions</c>: a closed window's close, the call once reached, trading while issued); whether the
/// caller may give one is the command's own check.
/// </summary>
public sealed record PoolResponse(
    Guid PoolId,
    string Name,
    Guid OriginatorId,
    PoolStatus Status,
    DateOnly SubscriptionClosesOn,
    IReadOnlyList<DateOnly> DistributionDates,
    IReadOnlyList<decimal> ProjectedCollections,
    IReadOnlyList<TrancheResponse> Tranches,
    IReadOnlyList<FeeDto> Fees,
    IReadOnlyList<Guid> Receivables,
    decimal ReserveTarget,
    decimal Reserve,
    decimal RetainedCash,
    decimal CoverageTriggerMultiple,
    bool CoverageTriggerCurable,
    bool MissedSeniorInterestTrigger,
    decimal CleanUpCallPercent,
    bool CleanUpCallReached,
    int MaxHolders,
    int MinimumHoldingTradingDays,
    DateOnly? IssuedOn,
    PoolState Waterfall,
    bool AcceleratedForGood,
    int DistributionsMade,
    DateOnly? NextDistributionOn,
    int Holders,
    int Subscribers,
    decimal PurchasePrice,
    string? EndReason,
    DateTimeOffset CreatedAt,
    IReadOnlyList<PoolAction> Actions,
    IReadOnlyDictionary<string, string> Links)
{
    public static PoolResponse From(PoolSnapshot p) => new(p.PoolId, p.Definition.Name, p.OriginatorId, p.Status, p.Definition.SubscriptionClosesOn,
        p.Definition.DistributionDates, [.. p.Definition.ProjectedCollections.Select(c => c.Yuan)], [.. p.Tranches.Select(TrancheResponse.From)],
        [.. p.Definition.Fees.Select(FeeDto.From)], p.Receivables, p.Definition.ReserveTarget.Yuan, p.Reserve.Yuan, p.RetainedCash.Yuan,
        p.Definition.CoverageTriggerMultiple, p.Definition.CoverageTriggerCurable, p.Definition.MissedSeniorInterestTrigger, p.Definition.CleanUpCallPercent,
        p.CleanUpCallReached, p.Definition.MaxHolders, p.Definition.MinimumHoldingTradingDays, p.IssuedOn, p.WaterfallState, p.AcceleratedForGood,
        p.DistributionsMade, p.NextDistributionOn, p.Holders, p.Subscribers, p.PurchasePrice.Yuan, p.EndReason, p.CreatedAt, p.Actions,
        new Dictionary<string, string>
        {
            ["periods"] = $"/api/pools/{p.PoolId}/periods",
            ["scenario"] = $"/api/pools/{p.PoolId}/scenario?collectionsFactor=0.7",
            ["position"] = $"/api/pools/{p.PoolId}/position",
            ["audit"] = $"/api/audit/pool:{p.PoolId:N}",
        });
}

public sealed record PoolSubscriptionResponse(Guid SubscriptionId, string TrancheId, long Units, decimal Amount, bool Held, DateTimeOffset At);

public sealed record PoolHoldingResponse(string TrancheId, long Units, DateOnly LastBoughtOn);

/// <summary>The caller's (or, for staff, the named investor's) subscriptions and holdings in the pool.</summary>
public sealed record PoolPositionResponse(Guid PoolId, Guid InvestorId, IReadOnlyList<PoolSubscriptionResponse> Subscriptions, IReadOnlyList<PoolHoldingResponse> Holdings)
{
    public static PoolPositionResponse From(PoolPosition p) => new(p.PoolId, p.InvestorId,
        [.. p.Subscriptions.Select(s => new PoolSubscriptionResponse(s.SubscriptionId, s.TrancheId, s.Units, s.Amount.Yuan, s.Held, s.At))],
        [.. p.Holdings.Select(h => new PoolHoldingResponse(h.TrancheId, h.Units, h.LastBoughtOn))]);
}

public sealed record PoolStepResponse(int Index, string Step, PaymentKind Kind, string PayeeId, decimal Due, decimal Paid);

public sealed record PoolTrancheOutcomeResponse(string TrancheId, decimal InterestDue, decimal InterestPaid, decimal PrincipalPaid, decimal ResidualPaid, decimal OutstandingAfter, decimal UnpaidInterestAfter);

public sealed record PoolTriggerResponse(string TriggerId, TriggerKind Kind, bool Curable, bool Breached, decimal Measured, decimal Threshold);

/// <summary>One period's waterfall: collections in, each step's due and paid, the tranches after, the triggers; the posting that paid it (none for a scenario).</summary>
public sealed record PoolPeriodResponse(int Number, DateOnly Start, DateOnly End, PoolState WaterfallRun, decimal CashCarriedIn, decimal Collections, decimal ReserveDraw,
    decimal ReserveTopUp, decimal PaidOut, decimal RetainedCash, decimal ReserveBalance, IReadOnlyList<PoolStepResponse> Steps, IReadOnlyList<PoolTrancheOutcomeResponse> Tranches,
    IReadOnlyList<PoolTriggerResponse> Triggers, PoolState NextState, bool CleanUpCallReached, string? PostingId, int HoldersPaid)
{
    public static PoolPeriodResponse From(PoolPeriod p) => new(p.Number, p.Start, p.End, p.WaterfallRun, p.CashCarriedIn.Yuan, p.Collections.Yuan, p.ReserveDraw.Yuan,
        p.ReserveTopUp.Yuan, p.PaidOut.Yuan, p.RetainedCash.Yuan, p.ReserveBalance.Yuan,
        [.. p.Steps.Select(s => new PoolStepResponse(s.Index, s.Step, s.Kind, s.PayeeId, s.Due.Yuan, s.Paid.Yuan))],
        [.. p.Tranches.Select(t => new PoolTrancheOutcomeResponse(t.TrancheId, t.InterestDue.Yuan, t.InterestPaid.Yuan, t.PrincipalPaid.Yuan, t.ResidualPaid.Yuan, t.OutstandingAfter.Yuan, t.UnpaidInterestAfter.Yuan))],
        [.. p.Triggers.Select(t => new PoolTriggerResponse(t.TriggerId, t.Kind, t.Curable, t.Breached, t.Measured.Yuan, t.Threshold.Yuan))],
        p.NextState, p.CleanUpCallReached, p.PostingId, p.HoldersPaid);
}

public sealed record PoolPeriodsResponse(IReadOnlyList<PoolPeriodResponse> Periods);

/// <summary>The pool run forward on its projected collections scaled by the factor: what each remaining period would pay. Nothing moves.</summary>
public sealed record PoolScenarioResponse(decimal CollectionsFactor, IReadOnlyList<PoolPeriodResponse> Periods);

public sealed record StatementHoldingResponse(string TrancheId, long Units, decimal OutstandingPerUnit, decimal OutstandingValue);

public sealed record PoolCashFlowResponse(DateOnly On, PoolCashFlowKind Kind, decimal Amount, string? TrancheId, long Units, string PostingId);

/// <summary>An XIRR: the yearly rate as a percent, or why there is none ("noSignChange", "didNotConverge"); never a made-up number.</summary>
public sealed record XirrResponse(XirrOutcome Outcome, decimal? RatePercent);

/// <summary>
/// An investor's statement in a pool: holdings per tranche at their outstanding principal, every cash flow by date as
/// its posting made it, the totals, and the return as XIRR (Excel's actual/365). While the pool runs, the return counts
/// the holdings at their outstanding principal as if received today (valuedAtOutstanding).
/// </summary>
public sealed record PoolStatementResponse(Guid PoolId, Guid InvestorId, DateOnly AsOf, IReadOnlyList<StatementHoldingResponse> Holdings,
    IReadOnlyList<PoolCashFlowResponse> Flows, decimal PaidIn, decimal Received, decimal HoldingsValue, bool ValuedAtOutstanding, XirrResponse Return)
{
    public static PoolStatementResponse From(PoolStatement s) => new(s.PoolId, s.InvestorId, s.AsOf,
        [.. s.Holdings.Select(h => new StatementHoldingResponse(h.TrancheId, h.Units, h.OutstandingPerUnit, h.OutstandingValue.Yuan))],
        [.. s.Flows.Select(f => new PoolCashFlowResponse(f.On, f.Kind, f.Amount.Yuan, f.TrancheId, f.Units, f.PostingId))],
        s.PaidIn.Yuan, s.Received.Yuan, s.HoldingsValue.Yuan, s.ValuedAtOutstanding,
        new XirrResponse(s.Return.Outcome, s.Return.Rate is { } rate ? decimal.Round((decimal)rate * 100m, 4) : null));
}

/// <summary>Offer units of a tranche for a total price in yuan, to a named buyer or (without one) to any qualified investor, until a day within 30 days.</summary>
public sealed record OfferUnitsRequest(
    [property: Text(20)] string TrancheId,
    [property: Whole(1, PoolStructure.MaxUnitsPerTranche)] long Units,
    [property: Yuan] decimal Price,
    DateOnly ExpiresOn,
    Guid? BuyerId = null)
{
    public static OfferUnitsRequest Example => new("A", 100, 10_150m, new DateOnly(2027, 5, 20));
}

/// <summary>A negotiated trade of units, and where it is: offered, being paid for, settled (delivered against payment), withdrawn or expired.</summary>
public sealed record UnitTradeResponse(Guid TradeId, Guid PoolId, Guid SellerId, Guid? BuyerId, string TrancheId, long Units, decimal Price, UnitTradeStatus Status,
    DateOnly OfferedOn, DateOnly ExpiresOn, Guid? AcceptedBy, DateOnly? SettledOn)
{
    public static UnitTradeResponse From(Guid poolId, UnitTrade t) => new(t.TradeId, poolId, t.SellerId, t.BuyerId, t.TrancheId, t.Units, t.Price.Yuan, t.Status,
        t.OfferedOn, t.ExpiresOn, t.AcceptedBy, t.SettledOn);
}

public sealed record UnitTradesResponse(IReadOnlyList<UnitTradeResponse> Trades);
