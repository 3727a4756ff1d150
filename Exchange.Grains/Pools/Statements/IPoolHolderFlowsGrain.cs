namespace Exchange.Grains.Pools;

/// <summary>
/// The pool's postings to many holders at once, keyed by the pool's id: the pool records each with a follow-up (at least
/// once; recorded once by its id). At most one entry per distribution date, plus the issue, the call and the winding up.
/// </summary>
[Alias("exchange.pool-holder-flows")]
public interface IPoolHolderFlowsGrain : IGrainWithGuidKey
{
    [Alias("record")]
    Task Record(PoolHolderFlows flows);

    /// <summary>One investor's flows in these postings, by date.</summary>
    [Alias("flows-of")]
    Task<IReadOnlyList<PoolCashFlow>> GetFlows(Guid investorId);
}
