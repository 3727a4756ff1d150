namespace Exchange.Grains.Pools;

/// <summary>How a subscription window ended.</summary>
public enum AllotmentOutcome
{
    /// <summary>Less than the minimum was subscribed: nothing is issued and every subscriber is refunded in full.</summary>
    Cancelled = 0,

    /// <summary>At most the units offered were asked for: every subscriber gets what it asked.</summary>
    AllottedInFull = 1,

    /// <summary>More than offered was asked for: lots allotted pro rata by largest remainder, the rest refunded.</summary>
    ScaledBack = 2,
}
