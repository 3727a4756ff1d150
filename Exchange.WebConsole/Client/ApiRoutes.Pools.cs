namespace Exchange.WebConsole.Client;

// The operations of securitization pools: originators structuring, investors subscribing and trading, the operator.
public static partial class ApiRoutes
{
    public static readonly ApiRoute StructurePool = new("StructurePool", "POST", "/api/pools");
    public static readonly ApiRoute ListPools = new("ListPools", "GET", "/api/pools", "as", "offered", "status", "after", "limit");
    public static readonly ApiRoute GetPool = new("GetPool", "GET", "/api/pools/{poolId}");
    public static readonly ApiRoute AssignPoolReceivable = new("AssignPoolReceivable", "POST", "/api/pools/{poolId}/receivables");
    public static readonly ApiRoute OpenPoolSubscription = new("OpenPoolSubscription", "POST", "/api/pools/{poolId}/opening");
    public static readonly ApiRoute SubscribeToPool = new("SubscribeToPool", "POST", "/api/pools/{poolId}/subscriptions");
    public static readonly ApiRoute ClosePoolSubscription = new("ClosePoolSubscription", "POST", "/api/pools/{poolId}/closing");
    public static readonly ApiRoute CancelPool = new("CancelPool", "POST", "/api/pools/{poolId}/cancellation");
    public static readonly ApiRoute DistributePool = new("DistributePool", "POST", "/api/pools/{poolId}/distributions");
    public static readonly ApiRoute CallPool = new("CallPool", "POST", "/api/pools/{poolId}/call");
    public static readonly ApiRoute ListPoolPeriods = new("ListPoolPeriods", "GET", "/api/pools/{poolId}/periods");
    public static readonly ApiRoute GetPoolStatement = new("GetPoolStatement", "GET", "/api/pools/{poolId}/statement", "investor");
    public static readonly ApiRoute RunPoolScenario = new("RunPoolScenario", "GET", "/api/pools/{poolId}/scenario", "collectionsFactor");
    public static readonly ApiRoute OfferPoolUnits = new("OfferPoolUnits", "POST", "/api/pools/{poolId}/trades");
    public static readonly ApiRoute ListPoolTrades = new("ListPoolTrades", "GET", "/api/pools/{poolId}/trades");
    public static readonly ApiRoute AcceptPoolTrade = new("AcceptPoolTrade", "POST", "/api/pools/{poolId}/trades/{tradeId}/acceptance");
    public static readonly ApiRoute WithdrawPoolTrade = new("WithdrawPoolTrade", "POST", "/api/pools/{poolId}/trades/{tradeId}/withdrawal");

    private static IReadOnlyList<ApiRoute> PoolRoutes =>
        [StructurePool, ListPools, GetPool, AssignPoolReceivable, OpenPoolSubscription, SubscribeToPool, ClosePoolSubscription, CancelPool, DistributePool, CallPool,
            ListPoolPeriods, GetPoolStatement, RunPoolScenario, OfferPoolUnits, ListPoolTrades, AcceptPoolTrade, WithdrawPoolTrade];
}
