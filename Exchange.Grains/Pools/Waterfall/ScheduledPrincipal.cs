using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>The principal a tranche's amortization schedule calls for in one period.</summary>
public sealed record ScheduledPrincipal(string TrancheId, Money Amount);
