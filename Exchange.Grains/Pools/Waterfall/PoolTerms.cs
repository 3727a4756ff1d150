using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// A pool's structure as the waterfall engine reads it: tranches, fees, the reserve target, triggers, the clean-up
/// call share, and one waterfall per pool state. <see cref="PoolTermsRules.Validate"/> refuses terms the engine
/// cannot run.
/// </summary>
/// <param name="CleanUpCallShare">The clean-up call may end the pool once the outstanding principal is below this share of the original (0.10 for 10%).</param>
public sealed record PoolTerms(
    IReadOnlyList<Tranche> Tranches,
    IReadOnlyList<Fee> Fees,
    Money ReserveTarget,
    IReadOnlyList<Trigger> Triggers,
    decimal CleanUpCallShare,
    IReadOnlyList<WaterfallStep> NormalWaterfall,
    IReadOnlyList<WaterfallStep> AcceleratedWaterfall)
{
    public IReadOnlyList<WaterfallStep> WaterfallFor(PoolState state) =>
        state == PoolState.Accelerated ? AcceleratedWaterfall : NormalWaterfall;

    public Money OriginalPrincipal => new(Tranches.Sum(t => t.OriginalPrincipal.Fen));
}
