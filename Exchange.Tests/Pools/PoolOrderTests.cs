using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Pools;
using Orleans;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Pools;

/// <summary>A cluster whose exchange has switched the pools' continuous order book on (it is off by default).</summary>
public sealed class OrderBookCluster : IAsyncLifetime
{
    public ClusterFixture Cluster { get; } = new(new Dictionary<string, string?> { ["Exchange:Pools:OrderBookEnabled"] = "true" });

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>The continuous book wired to the pool: orders, fills delivered against payment from the order escrow, refunds, the day's end.</summary>
public sealed class PoolOrderTests(OrderBookCluster book) : IClassFixture<OrderBookCluster>
{
    private readonly ClusterFixture fixture = book.Cluster;

    private Money Available(Guid participant) => fixture.Account(participant).GetBalances().Result.Available;

    private async Task<Money> EscrowAsync(IPoolGrain pool) =>
        (await fixture.Grains.GetGrain<IAccountGrain>(AccountId.ForPoolOrders(pool.GetPrimaryKey())).GetBalances()).Available;

    /// <summary>X holds 60 units of A and Y 40, bought at issue; the resale wait is over.</summary>
    private async Task<(PoolSteps Steps, IPoolGrain Pool, Guid X, Guid Y)> TradingAsync(int maxHolders = 200)
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, investors) = await steps.IssuedAsync(steps.Definition(maxHolders: maxHolders), 60, 40);
        var (x, y) = (investors[0], investors[1]);
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(fixture.Today, 5));
        return (steps, pool, x, y);
    }

    private static Task<PoolOrder> Buy(IPoolGrain pool, Guid investor, long units, decimal yuan, Guid? id = null) =>
        pool.PlaceOrder(id ?? Guid.NewGuid(), "A", OrderSide.Buy, units, Money.FromYuan(yuan), PoolSteps.As(investor));

    private static Task<PoolOrder> Sell(IPoolGrain pool, Guid investor, long units, decimal yuan) =>
        pool.PlaceOrder(Guid.NewGuid(), "A", OrderSide.Sell, units, Money.FromYuan(yuan), PoolSteps.As(investor));

    private static async Task<long> UnitsAsync(IPoolGrain pool, Guid investor) => (await pool.GetPosition(investor)).Holdings.Sum(h => h.Units);

    [Fact]
    public async Task ACrossingOrder_TradesAtTheRestingPrice_UnitsAndMoneyTogether_AndTheRestRests()
    {
        var (_, pool, x, y) = await TradingAsync();
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var xBefore = Available(x);
        var yBefore = Available(y);

        var sell = await Sell(pool, x, 20, 95m);
        Assert.Equal((PoolOrderStatus.Resting, 20L), (sell.Status, sell.Units));

        // Z bids 100 for 30: it takes X's 20 at X's 95; the 5 a unit it bid above is given back; 10 rest, their money in escrow.
        var buyId = Guid.NewGuid();
        var buy = await Buy(pool, z, 30, 100m, buyId);
        Assert.Equal((PoolOrderStatus.Resting, 10L), (buy.Status, buy.Units));
        Assert.Equal((40L, 20L), (await UnitsAsync(pool, x), await UnitsAsync(pool, z)));
        Assert.Equal(xBefore + Money.FromYuan(1_900m), Available(x));
        Assert.Equal(Money.FromYuan(10_000m - 3_000m + 100m), Available(z));
        Assert.Equal(Money.FromYuan(1_000m), await EscrowAsync(pool));
        Assert.Equal(PoolOrderStatus.Filled, (await pool.GetOrders()).Single(o => o.OrderId == sell.OrderId).Status);

        // Y offers 15 at 98: Z's resting bid of 100 is the price; Y's other 5 rest.
        var ySell = await Sell(pool, y, 15, 98m);
        Assert.Equal((PoolOrderStatus.Resting, 5L), (ySell.Status, ySell.Units));
        Assert.Equal(yBefore + Money.FromYuan(1_000m), Available(y));
        Assert.Equal((30L, 30L), (await UnitsAsync(pool, y), await UnitsAsync(pool, z)));
        Assert.Equal(Money.Zero, await EscrowAsync(pool));

        // A repeat of Z's order answers it: nothing paid or traded twice. Units are conserved; the ledger balances.
        Assert.Equal(PoolOrderStatus.Filled, (await Buy(pool, z, 30, 100m, buyId)).Status);
        Assert.Equal(Money.FromYuan(7_100m), Available(z)); // its last 10 were paid for in escrow already
        Assert.Equal(100L, await UnitsAsync(pool, x) + await UnitsAsync(pool, y) + await UnitsAsync(pool, z));
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
        var flows = await fixture.Grains.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(pool.GetPrimaryKey(), z)).GetFlows();
        Assert.Equal([-Money.FromYuan(1_900m), -Money.FromYuan(1_000m)], flows.Where(f => f.Kind == PoolCashFlowKind.Purchase).Select(f => f.Amount).Order());
    }

    [Fact]
    public async Task OrdersOutsideTheRules_AreRefused_AndLeaveNothingPaidNorInTheBook()
    {
        var (_, pool, x, y) = await TradingAsync(maxHolders: 3);
        var poor = await fixture.FundedParticipantAsync(10_000);
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var w = await fixture.FundedParticipantAsync(1_000_000);

        // A buyer who cannot pay: the order ends cancelled, nothing is held.
        await Assert.ThrowsAsync<DomainException>(() => Buy(pool, poor, 10, 100m));
        Assert.Equal(Money.FromYuan(100m), Available(poor));
        Assert.DoesNotContain(await pool.GetOrders(), o => o.InvestorId == poor && o.IsOpen);

        // X offers 50 in a negotiated trade: only 10 are left to sell in the book, and it may not bid while it sells.
        await pool.OfferUnits(Guid.NewGuid(), "A", 50, Money.FromYuan(5_000m), null, fixture.Today.AddDays(5), PoolSteps.As(x));
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() => Sell(pool, x, 11, 100m))).Error);
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() => Buy(pool, x, 1, 100m))).Error);
        await Sell(pool, x, 10, 120m);
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() =>
            pool.OfferUnits(Guid.NewGuid(), "A", 1, Money.FromYuan(100m), null, fixture.Today.AddDays(5), PoolSteps.As(x)))).Error);

        // Three holders at most, X and Y two of them: Z's resting bid takes the third place, so W may not bid, nor buy X's offer.
        await Buy(pool, z, 10, 100m);
        Assert.Equal(DomainErrors.PoolHolderLimitReached, (await Assert.ThrowsAsync<DomainException>(() => Buy(pool, w, 10, 100m))).Error);
        var offer = (await pool.GetTrades()).Single(t => t.IsOpen);
        Assert.Equal(DomainErrors.PoolHolderLimitReached, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(offer.TradeId, PoolSteps.As(w)))).Error);
        Assert.Equal(Money.FromYuan(10_000m), Available(w));

        // A bad order is refused by field; an order's id reused for other terms is refused.
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() => Sell(pool, y, 0, 100m))).Error);
        var id = (await pool.GetOrders()).Single(o => o.InvestorId == z).OrderId;
        Assert.Equal(DomainErrors.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() => Buy(pool, z, 11, 100m, id))).Error);
    }

    [Fact]
    public async Task AnOrderEndsCancelledOrAtTheEndOfItsDay_AndItsMoneyComesBack()
    {
        var (steps, pool, x, y) = await TradingAsync();
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var bid = await Buy(pool, z, 10, 90m);
        var sell = await Sell(pool, x, 10, 110m);
        Assert.Equal(Money.FromYuan(900m), await EscrowAsync(pool));

        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.CancelOrder(bid.OrderId, PoolSteps.As(y)))).Error);
        Assert.Equal(PoolOrderStatus.Cancelled, (await pool.CancelOrder(bid.OrderId, PoolSteps.As(z))).Status);
        await pool.CancelOrder(bid.OrderId, PoolSteps.As(z));
        Assert.Equal(Money.FromYuan(10_000m), Available(z));
        Assert.Equal(Money.Zero, await EscrowAsync(pool));
        // The operator ends anyone's order for the venue: the roles are the actor's own, as the API stamped them.
        var third = await Buy(pool, z, 10, 90m);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.CancelOrder(third.OrderId, new Actor(steps.Trustee, "Investor")))).Error);
        Assert.Equal(PoolOrderStatus.Cancelled, (await pool.CancelOrder(third.OrderId, new Actor(steps.Trustee, "Operator"))).Status);
        Assert.Equal(Money.FromYuan(10_000m), Available(z));

        var second = await Buy(pool, z, 5, 100m);
        steps.AdvanceTo(fixture.Today.AddDays(1));
        await pool.AsReference<IRemindable>().ReceiveReminder("pool-dates", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));
        var orders = await pool.GetOrders();
        Assert.Equal([PoolOrderStatus.Expired, PoolOrderStatus.Expired], new[] { second.OrderId, sell.OrderId }.Select(id => orders.Single(o => o.OrderId == id).Status));
        Assert.Equal(Money.FromYuan(10_000m), Available(z));
        Assert.Equal(Money.Zero, await EscrowAsync(pool));
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task YesterdaysOrder_DoesNotTradeToday_EvenBeforeTheDailyCheckExpiresIt()
    {
        var (steps, pool, x, _) = await TradingAsync();
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var stale = await Buy(pool, z, 10, 100m);
        steps.AdvanceTo(fixture.Today.AddDays(1));

        var sell = await Sell(pool, x, 10, 90m);

        Assert.Equal((PoolOrderStatus.Resting, 10L), (sell.Status, sell.Units));
        Assert.Equal(60L, await UnitsAsync(pool, x));
        Assert.Equal(Money.FromYuan(1_000m), await EscrowAsync(pool)); // still Z's, refunded by the check
        await pool.AsReference<IRemindable>().ReceiveReminder("pool-dates", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));
        Assert.Equal(PoolOrderStatus.Expired, (await pool.GetOrders()).Single(o => o.OrderId == stale.OrderId).Status);
        Assert.Equal(Money.FromYuan(10_000m), Available(z));
    }

    [Fact]
    public async Task TheCleanUpCall_EndsTheOpenOrders_AndGivesTheirMoneyBack()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, _) = await steps.IssuedAsync(steps.Definition(cleanUpCallPercent: 30m), 100);
        var z = await fixture.FundedParticipantAsync(1_000_000);
        for (var q = 0; q < 3; q++)
        {
            steps.AdvanceTo(steps.Start.AddDays(95 + 90 * q));
            await steps.PayQuarterAsync(q);
            steps.AdvanceTo(steps.Start.AddDays(100 + 90 * q));
            await pool.Distribute(Actor.System);
        }
        var bid = await Buy(pool, z, 5, 20m);
        Assert.Equal(Money.FromYuan(100m), await EscrowAsync(pool));

        Assert.Equal(PoolStatus.Closed, (await pool.Call(Guid.NewGuid(), steps.AsOriginator)).Status);

        Assert.Equal(PoolOrderStatus.Cancelled, (await pool.GetOrders()).Single(o => o.OrderId == bid.OrderId).Status);
        Assert.Equal(Money.Zero, await EscrowAsync(pool));
        Assert.Equal(Money.FromYuan(10_000m), Available(z));
    }

    [Fact]
    public async Task ManyCopiesOfOneOrder_AtOnce_PayItsMoneyOnce()
    {
        var (_, pool, _, _) = await TradingAsync();
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var id = Guid.NewGuid();

        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Buy(pool, z, 10, 100m, id)));

        Assert.All(copies, o => Assert.Equal((id, PoolOrderStatus.Resting), (o.OrderId, o.Status)));
        Assert.Equal(Money.FromYuan(9_000m), Available(z));
        Assert.Equal(Money.FromYuan(1_000m), await EscrowAsync(pool));
    }
}
