namespace Exchange.Grains.Pools;

/// <summary>How a pool's fee is charged each period.</summary>
public enum FeeBasis
{
    /// <summary>The same amount every period, whatever its length.</summary>
    FixedPerPeriod = 0,

    /// <summary>A yearly rate on the pool's total outstanding principal at the period's start, accrued actual/360.</summary>
    RateOnOutstanding = 1,
}
