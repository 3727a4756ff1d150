using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What a tranche offers in its subscription window.</summary>
/// <param name="MinimumLot">Investors subscribe, and are allotted, in whole lots of this many units.</param>
/// <param name="MinimumUnitsToIssue">Below this many units subscribed the issue is cancelled and everyone refunded.</param>
public sealed record Offering(long UnitsOffered, Money UnitPrice, long MinimumLot, long MinimumUnitsToIssue);
