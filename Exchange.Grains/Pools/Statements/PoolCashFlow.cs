using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

public enum PoolCashFlowKind
{
    /// <summary>Units allotted at issue: their price left the investor's escrow (negative).</summary>
    Subscription = 0,

    /// <summary>A distribution date's payment to the investor (positive).</summary>
    Distribution = 1,

    /// <summary>What the winding up paid the investor (positive).</summary>
    WindUp = 2,

    /// <summary>Units bought from another investor (negative).</summary>
    Purchase = 3,

    /// <summary>Units sold to another investor (positive).</summary>
    Sale = 4,
}

/// <summary>
/// One dated movement of an investor's money in a pool, as its posting made it: negative paid in, positive received.
/// <see cref="Id"/> names the occasion (the issue, a date, a trade), so a repeated notice is recorded once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolCashFlow(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] PoolCashFlowKind Kind,
    [property: Id(3)] Money Amount,
    [property: Id(4)] string? TrancheId,
    [property: Id(5)] long Units,
    [property: Id(6)] string PostingId);
