namespace Exchange.Grains.Pools;

/// <summary>
/// An investor's cash flows in one pool, keyed <c>{poolId:N}/{investorId:N}</c>: the pool tells it of each posting
/// that paid the investor or was paid by it (follow-ups, so at least once; recorded once by id). The statement reads
/// them with the pool's register; the pool's own state stays bounded by its holders, not their history.
/// </summary>
[Alias("exchange.pool-statement")]
public interface IPoolStatementGrain : IGrainWithStringKey
{
    [Alias("record")]
    Task Record(IReadOnlyList<PoolCashFlow> flows);

    [Alias("flows")]
    Task<IReadOnlyList<PoolCashFlow>> GetFlows();
}

public static class PoolStatementKey
{
    public static string Of(Guid poolId, Guid investorId) => $"{poolId:N}/{investorId:N}";
}
