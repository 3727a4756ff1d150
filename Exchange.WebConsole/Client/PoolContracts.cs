namespace Exchange.WebConsole.Client;

// The JSON shapes of securitization pools, their periods, statements and trades, as the console reads and sends them.

/// <summary>A tranche as structured: <c>senior</c>, <c>mezzanine</c> or <c>subordinated</c>; <c>equalParts</c> or <c>atMaturity</c>.</summary>
public sealed record PoolTrancheDefinition(string Id, string Seniority, long UnitsOffered, decimal UnitFaceValue, decimal CouponPercent, long MinimumLot,
    long MinimumUnitsToIssue, string Amortization);

public sealed record PoolFee(string Id, Guid PayeeId, decimal FixedPerPeriod, decimal AnnualPercentOfOutstanding);

public sealed record StructurePoolRequest(string Name, DateOnly SubscriptionClosesOn, IReadOnlyList<DateOnly> DistributionDates, IReadOnlyList<PoolTrancheDefinition> Tranches,
    IReadOnlyList<PoolFee> Fees, decimal ReserveTarget, decimal CoverageTriggerMultiple, bool CoverageTriggerCurable, bool MissedSeniorInterestTrigger,
    decimal CleanUpCallPercent, int MaxHolders, int MinimumHoldingTradingDays, IReadOnlyList<decimal> ProjectedCollections);

public sealed record PoolTranche(PoolTrancheDefinition Definition, long UnitsSubscribed, long UnitsIssued, decimal Outstanding, decimal UnpaidInterest, decimal OutstandingPerUnit);

public sealed record Pool(Guid PoolId, string Name, Guid OriginatorId, string Status, DateOnly SubscriptionClosesOn, IReadOnlyList<DateOnly> DistributionDates,
    IReadOnlyList<decimal> ProjectedCollections, IReadOnlyList<PoolTranche> Tranches, IReadOnlyList<PoolFee> Fees, IReadOnlyList<Guid> Receivables,
    decimal ReserveTarget, decimal Reserve, decimal RetainedCash, decimal CoverageTriggerMultiple, bool CoverageTriggerCurable, bool MissedSeniorInterestTrigger,
    decimal CleanUpCallPercent, bool CleanUpCallReached, int MaxHolders, int MinimumHoldingTradingDays, DateOnly? IssuedOn, string Waterfall, bool AcceleratedForGood,
    int DistributionsMade, DateOnly? NextDistributionOn, int Holders, int Subscribers, decimal PurchasePrice, string? EndReason, IReadOnlyList<string> Actions)
{
    /// <summary>Whether the pool takes the command now (the API's <c>actions</c>: <c>assignReceivable</c>, <c>openSubscription</c>, <c>subscribe</c>, <c>closeSubscription</c>, <c>cancel</c>, <c>distribute</c>, <c>call</c>, <c>trade</c>).</summary>
    public bool Takes(string action) => Actions?.Contains(action) == true;
}

public sealed record PoolSubscriptionEntry(Guid SubscriptionId, string TrancheId, long Units, decimal Amount, bool Held, DateTimeOffset At);

public sealed record PoolHoldingEntry(string TrancheId, long Units, DateOnly LastBoughtOn);

public sealed record PoolPosition(Guid PoolId, Guid InvestorId, IReadOnlyList<PoolSubscriptionEntry> Subscriptions, IReadOnlyList<PoolHoldingEntry> Holdings);

public sealed record PoolStep(int Index, string Step, string Kind, string PayeeId, decimal Due, decimal Paid);

public sealed record PoolTrancheOutcome(string TrancheId, decimal InterestDue, decimal InterestPaid, decimal PrincipalPaid, decimal ResidualPaid, decimal OutstandingAfter, decimal UnpaidInterestAfter);

public sealed record PoolTriggerOutcome(string TriggerId, string Kind, bool Curable, bool Breached, decimal Measured, decimal Threshold);

public sealed record PoolPeriod(int Number, DateOnly Start, DateOnly End, string WaterfallRun, decimal CashCarriedIn, decimal Collections, decimal ReserveDraw,
    decimal ReserveTopUp, decimal PaidOut, decimal RetainedCash, decimal ReserveBalance, IReadOnlyList<PoolStep> Steps, IReadOnlyList<PoolTrancheOutcome> Tranches,
    IReadOnlyList<PoolTriggerOutcome> Triggers, string NextState, bool CleanUpCallReached, string? PostingId, int HoldersPaid);

public sealed record PoolPeriods(IReadOnlyList<PoolPeriod> Periods);

public sealed record PoolScenario(decimal CollectionsFactor, IReadOnlyList<PoolPeriod> Periods);

public sealed record StatementHolding(string TrancheId, long Units, decimal OutstandingPerUnit, decimal OutstandingValue);

public sealed record PoolCashFlow(DateOnly On, string Kind, decimal Amount, string? TrancheId, long Units, string PostingId);

/// <summary><c>rate</c> (with the percent), <c>noSignChange</c> or <c>didNotConverge</c>.</summary>
public sealed record PoolReturn(string Outcome, decimal? RatePercent);

public sealed record PoolStatement(Guid PoolId, Guid InvestorId, DateOnly AsOf, IReadOnlyList<StatementHolding> Holdings, IReadOnlyList<PoolCashFlow> Flows,
    decimal PaidIn, decimal Received, decimal HoldingsValue, bool ValuedAtOutstanding, PoolReturn Return);

public sealed record UnitTrade(Guid TradeId, Guid PoolId, Guid SellerId, Guid? BuyerId, string TrancheId, long Units, decimal Price, string Status,
    DateOnly OfferedOn, DateOnly ExpiresOn, Guid? AcceptedBy, DateOnly? SettledOn);

public sealed record UnitTrades(IReadOnlyList<UnitTrade> Trades);
