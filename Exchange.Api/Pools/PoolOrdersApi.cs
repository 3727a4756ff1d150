using Exchange.Api.Infrastructure;
using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Grains.Common;
using Exchange.Grains.Pools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Pools;

/// <summary>
/// The pools' continuous order book, where the exchange has switched it on (<c>Exchange:Pools:OrderBookEnabled</c>,
/// off by default: domain.md §7). Orders are limit orders for one tranche, good for the day; a buy order's money is
/// paid into the pool's order escrow when it is placed, and each fill delivers the units against it.
/// </summary>
public static class PoolOrdersApi
{
    public static void MapPoolOrders(this RouteGroupBuilder group)
    {
        group.MapPost("/{poolId:guid}/orders", PlaceOrder).WithName("PlacePoolOrder")
            .WithSummary("A limit order for units of a tranche, good for the day (only where the exchange runs the order book; otherwise order-book-disabled): a buy order's units at its limit are paid into the order escrow; it trades at once with the book's best prices and the rest rests.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.OrderBookDisabled, DomainErrors.InvalidTransition, DomainErrors.InvalidSubscription, DomainErrors.InvalidAmount, DomainErrors.UnitsInHoldingPeriod,
                DomainErrors.PoolHolderLimitReached, DomainErrors.PoolTradingFull, DomainErrors.InvestorNotQualified, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.RequestInProgress);
        group.MapGet("/{poolId:guid}/orders", Orders).WithName("ListPoolOrders")
            .WithSummary("The pool's book (resting orders by side and price, without their investors) and the caller's own orders (staff: every order); at most 500 open (20 from one investor) and the 200 latest finished kept.")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapPost("/{poolId:guid}/orders/{orderId:guid}/cancellation", CancelOrder).WithName("CancelPoolOrder")
            .WithSummary("The investor (or the operator) cancels a resting order; a buy order's money goes back from the escrow.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.PoolOrderNotFound, DomainErrors.InvalidTransition);
    }

    public static async Task<Ok<PoolOrderResponse>> PlaceOrder(Guid poolId, PlaceOrderRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await PoolsApi.FindVisible(cluster, poolId, command.Caller);
        var order = await cluster.GetGrain<IPoolGrain>(poolId).PlaceOrder(command.DeriveId("pool-order"), request.TrancheId, request.Side, request.Units,
            Money.PositiveFromYuan(request.LimitPricePerUnit, "limitPricePerUnit"), command.Caller.Actor);
        return TypedResults.Ok(PoolOrderResponse.From(poolId, order));
    }

    public static async Task<Ok<PoolOrdersResponse>> Orders(Guid poolId, HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        await PoolsApi.FindVisible(cluster, poolId, caller);
        var orders = await cluster.GetGrain<IPoolGrain>(poolId).GetOrders();
        var book = orders.Where(o => PoolOrderLifecycle.Rests(o.Status))
            .GroupBy(o => (o.TrancheId, o.Side, o.LimitPricePerUnit))
            .Select(level => new BookLevelResponse(level.Key.TrancheId, level.Key.Side, level.Key.LimitPricePerUnit.Yuan, level.Sum(o => o.Units), level.Count()))
            .OrderBy(l => l.TrancheId, StringComparer.Ordinal).ThenBy(l => l.Side).ThenByDescending(l => l.Side == OrderSide.Buy ? l.PricePerUnit : -l.PricePerUnit);
        var mine = orders.Where(o => caller.IsStaff || o.InvestorId == caller.ParticipantId).OrderByDescending(o => o.IsOpen).ThenByDescending(o => o.Sequence);
        return TypedResults.Ok(new PoolOrdersResponse([.. book], [.. mine.Select(o => PoolOrderResponse.From(poolId, o))]));
    }

    public static async Task<Ok<PoolOrderResponse>> CancelOrder(Guid poolId, Guid orderId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await PoolsApi.FindVisible(cluster, poolId, command.Caller);
        return TypedResults.Ok(PoolOrderResponse.From(poolId, await cluster.GetGrain<IPoolGrain>(poolId).CancelOrder(orderId, command.Caller.Actor)));
    }
}

public sealed record PlaceOrderRequest(
    [property: Text(20)] string TrancheId,
    OrderSide Side,
    [property: Whole(1, PoolStructure.MaxUnitsPerTranche)] long Units,
    [property: Yuan] decimal LimitPricePerUnit)
{
    public static PlaceOrderRequest Example => new("A", OrderSide.Buy, 10, 101.50m);
}

/// <summary>An order in the pool's book, and where it is: being paid for, resting, filled, cancelled or expired.</summary>
public sealed record PoolOrderResponse(Guid OrderId, Guid PoolId, Guid InvestorId, string TrancheId, OrderSide Side, long UnitsOrdered, long UnitsLeft,
    decimal LimitPricePerUnit, PoolOrderStatus Status, DateOnly PlacedOn)
{
    public static PoolOrderResponse From(Guid poolId, PoolOrder o) => new(o.OrderId, poolId, o.InvestorId, o.TrancheId, o.Side, o.UnitsOrdered, o.Units,
        o.LimitPricePerUnit.Yuan, o.Status, o.PlacedOn);
}

/// <summary>One price level of the book: the units resting at it and how many orders they are.</summary>
public sealed record BookLevelResponse(string TrancheId, OrderSide Side, decimal PricePerUnit, long Units, int Orders);

public sealed record PoolOrdersResponse(IReadOnlyList<BookLevelResponse> Book, IReadOnlyList<PoolOrderResponse> Orders);
