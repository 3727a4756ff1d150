using System.Globalization;

namespace Exchange.WebConsole.Client;

// Securitization pools: structuring, subscription, distributions, statements, scenarios and unit trades.
public sealed partial class ExchangeApiClient
{
    public Task<Pool> StructurePoolAsync(StructurePoolRequest structure, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pool>(ApiRoutes.StructurePool, [], null, structure, key, anonymous: false, cancel);

    /// <param name="relation"><c>originator</c> or <c>investor</c>; null for both.</param>
    /// <param name="offered">Every pool open for subscription, whoever it concerns.</param>
    public Task<ListPage> ListPoolsAsync(string? relation, bool offered, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListPools, [], Query(("as", relation), ("offered", offered ? "true" : null), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<Pool> GetPoolAsync(Guid poolId, CancellationToken cancel = default) => GetAsync<Pool>(ApiRoutes.GetPool, [poolId.ToString()], null, cancel);

    public Task<Pool> AssignPoolReceivableAsync(Guid poolId, Guid licenseId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pool>(ApiRoutes.AssignPoolReceivable, [poolId.ToString()], null, new { licenseId }, key, anonymous: false, cancel);

    /// <summary>A command on the pool without a body: opening, closing, cancelling, distributing.</summary>
    public Task<Pool> ActOnPoolAsync(ApiRoute action, Guid poolId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pool>(action, [poolId.ToString()], null, null, key, anonymous: false, cancel);

    public Task<PoolPosition> SubscribeToPoolAsync(Guid poolId, string trancheId, long units, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<PoolPosition>(ApiRoutes.SubscribeToPool, [poolId.ToString()], null, new { trancheId, units }, key, anonymous: false, cancel);

    public Task<PoolPeriods> ListPoolPeriodsAsync(Guid poolId, CancellationToken cancel = default) =>
        GetAsync<PoolPeriods>(ApiRoutes.ListPoolPeriods, [poolId.ToString()], null, cancel);

    public Task<PoolStatement> GetPoolStatementAsync(Guid poolId, CancellationToken cancel = default) =>
        GetAsync<PoolStatement>(ApiRoutes.GetPoolStatement, [poolId.ToString()], null, cancel);

    public Task<PoolScenario> RunPoolScenarioAsync(Guid poolId, decimal collectionsFactor, CancellationToken cancel = default) =>
        GetAsync<PoolScenario>(ApiRoutes.RunPoolScenario, [poolId.ToString()], Query(("collectionsFactor", collectionsFactor.ToString(CultureInfo.InvariantCulture))), cancel);

    public Task<UnitTrade> OfferPoolUnitsAsync(Guid poolId, string trancheId, long units, decimal price, DateOnly expiresOn, Guid? buyerId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<UnitTrade>(ApiRoutes.OfferPoolUnits, [poolId.ToString()], null, new { trancheId, units, price, expiresOn, buyerId }, key, anonymous: false, cancel);

    public Task<UnitTrades> ListPoolTradesAsync(Guid poolId, CancellationToken cancel = default) =>
        GetAsync<UnitTrades>(ApiRoutes.ListPoolTrades, [poolId.ToString()], null, cancel);

    /// <summary>Accepting (delivery versus payment) or withdrawing a trade.</summary>
    public Task<UnitTrade> ActOnPoolTradeAsync(ApiRoute action, Guid poolId, Guid tradeId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<UnitTrade>(action, [poolId.ToString(), tradeId.ToString()], null, null, key, anonymous: false, cancel);
}
