using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A future period and the collections the originator projects for it.</summary>
public sealed record ProjectedPeriod(DistributionPeriod Period, Money Collections);
