namespace Exchange.Grains.Pools;

/// <summary>An XIRR: a rate, or the reason there is none. Never NaN, never a number made up to fill the space.</summary>
/// <param name="Rate">The yearly rate as a fraction (0.10 for 10%), only when <see cref="Outcome"/> is <see cref="XirrOutcome.Rate"/>.</param>
/// <param name="FoundByBisection">The bracketing fallback found the rate after Newton's method failed.</param>
public sealed record XirrResult(XirrOutcome Outcome, double? Rate, bool FoundByBisection)
{
    public static XirrResult NoSignChange { get; } = new(XirrOutcome.NoSignChange, null, false);

    public static XirrResult DidNotConverge { get; } = new(XirrOutcome.DidNotConverge, null, false);

    public static XirrResult Of(double rate, bool foundByBisection) => new(XirrOutcome.Rate, rate, foundByBisection);
}
