namespace Exchange.Grains.Pools;

/// <summary>
/// An investor's cash flows in one pool, keyed <c>{poolId:N}/{investorId:N}</c>: the pool tells it of each trade the
/// investor made (follow-ups, so at least once; recorded once by id), and it reads the postings the pool made to every
/// holder at once (the issue, the dates, the call, the winding up) from <see cref="IPoolHolderFlowsGrain"/>. The
/// statement reads them with the pool's register; the pool's own state stays bounded by its holders, not their history.
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

    public static (Guid PoolId, Guid InvestorId) Parse(string key) =>
        key.Split('/') is [var pool, var investor] && Guid.TryParseExact(pool, "N", out var poolId) && Guid.TryParseExact(investor, "N", out var investorId)
            ? (poolId, investorId)
            : throw new FormatException($"'{key}' is not a pool statement key ({{poolId:N}}/{{investorId:N}}).");
}
