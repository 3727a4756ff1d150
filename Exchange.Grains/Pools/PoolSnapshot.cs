using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A tranche as it stands: what was offered and subscribed, what was issued and what it still owes.</summary>
/// <param name="OutstandingPerUnit">The outstanding principal of one unit, in yuan to four decimals (a unit's share of the tranche's).</param>
[GenerateSerializer, Immutable]
public sealed record PoolTrancheStanding(
    [property: Id(0)] TrancheDefinition Definition,
    [property: Id(1)] long UnitsSubscribed,
    [property: Id(2)] long UnitsIssued,
    [property: Id(3)] Money Outstanding,
    [property: Id(4)] Money UnpaidInterest,
    [property: Id(5)] decimal OutstandingPerUnit);

/// <summary>A pool as it is now.</summary>
/// <param name="PurchasePrice">What the originator was paid at issue.</param>
/// <param name="NextDistributionOn">The next distribution date, or null when none is left.</param>
/// <param name="Actions">The commands the pool takes now (<see cref="PoolLifecycle.ActionsNow"/>).</param>
[GenerateSerializer, Immutable]
public sealed record PoolSnapshot(
    [property: Id(0)] Guid PoolId,
    [property: Id(1)] Guid OriginatorId,
    [property: Id(2)] PoolStatus Status,
    [property: Id(3)] PoolDefinition Definition,
    [property: Id(4)] IReadOnlyList<Guid> Receivables,
    [property: Id(5)] IReadOnlyList<PoolTrancheStanding> Tranches,
    [property: Id(6)] DateOnly? IssuedOn,
    [property: Id(7)] PoolState WaterfallState,
    [property: Id(8)] bool AcceleratedForGood,
    [property: Id(9)] Money Reserve,
    [property: Id(10)] Money RetainedCash,
    [property: Id(11)] int DistributionsMade,
    [property: Id(12)] DateOnly? NextDistributionOn,
    [property: Id(13)] int Holders,
    [property: Id(14)] int Subscribers,
    [property: Id(15)] Money PurchasePrice,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] string? EndReason,
    [property: Id(18)] bool CleanUpCallReached,
    [property: Id(19)] IReadOnlyList<PoolAction> Actions);

/// <summary>One investor's part in a pool: its subscriptions (while the window is open, and as they were allotted) and its holdings.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolPosition(
    [property: Id(0)] Guid PoolId,
    [property: Id(1)] Guid InvestorId,
    [property: Id(2)] IReadOnlyList<PoolSubscription> Subscriptions,
    [property: Id(3)] IReadOnlyList<PoolHolding> Holdings);
