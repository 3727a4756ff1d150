namespace Exchange.Grains.Pools;

/// <summary>Whether an XIRR has an answer.</summary>
public enum XirrOutcome
{
    /// <summary>A rate was found: <see cref="XirrResult.Rate"/>.</summary>
    Rate = 0,

    /// <summary>The flows are not both paid and received (or fewer than two): no rate can make their value zero.</summary>
    NoSignChange = 1,

    /// <summary>Neither Newton's method nor a bracketing search found a rate; the statement says so instead of a number.</summary>
    DidNotConverge = 2,
}
