using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// An investor's subscription: units of one tranche, paid into escrow at the unit's face value by a held transfer
/// (<see cref="HoldId"/>, controlled by the pool). Written before the money is held (<see cref="Held"/> false), so a
/// crash in between is finished by the retry or released when the window closes, never left holding money unknown.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolSubscription(
    [property: Id(0)] Guid SubscriptionId,
    [property: Id(1)] Guid InvestorId,
    [property: Id(2)] string TrancheId,
    [property: Id(3)] long Units,
    [property: Id(4)] Money Amount,
    [property: Id(5)] Guid HoldId,
    [property: Id(6)] bool Held,
    [property: Id(7)] DateTimeOffset At);

/// <summary>Units of one tranche an investor holds, and the last day it bought any (the resale waiting period counts from it).</summary>
[GenerateSerializer, Immutable]
public sealed record PoolHolding(
    [property: Id(0)] Guid InvestorId,
    [property: Id(1)] string TrancheId,
    [property: Id(2)] long Units,
    [property: Id(3)] DateOnly LastBoughtOn);
