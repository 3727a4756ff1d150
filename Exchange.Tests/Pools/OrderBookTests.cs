using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>Continuous matching of a tranche's units: price, then time, at the resting price, never against oneself.</summary>
public sealed class OrderBookTests
{
    private static readonly Guid Alice = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Carol = new("00000000-0000-0000-0000-00000000000c");

    private static long _sequence;

    private static Order Buy(Guid investor, long units, decimal yuan) => New(investor, OrderSide.Buy, units, yuan);

    private static Order Sell(Guid investor, long units, decimal yuan) => New(investor, OrderSide.Sell, units, yuan);

    private static Order New(Guid investor, OrderSide side, long units, decimal yuan) =>
        new(Guid.NewGuid(), investor, side, units, Money.FromYuan(yuan), Interlocked.Increment(ref _sequence));

    private static IReadOnlyList<Order> Book(params Order[] orders) =>
        orders.Aggregate((IReadOnlyList<Order>)[], (book, order) => OrderBook.Submit(book, order).Book);

    [Fact]
    public void Submit_ABuyCrossingARestingSell_TradesAtTheRestingPrice()
    {
        var sell = Sell(Alice, 100, 10.00m);
        var buy = Buy(Bob, 100, 10.50m);

        var result = OrderBook.Submit(Book(sell), buy);

        var fill = Assert.Single(result.Fills);
        Assert.Equal(new Fill(buy.OrderId, sell.OrderId, Bob, Alice, 100, Money.FromYuan(10.00m)), fill);
        Assert.Equal(Money.FromYuan(1_000.00m), fill.Amount);
        Assert.Null(result.Resting);
        Assert.Empty(result.Book);
    }

    [Fact]
    public void Submit_ASellCrossingARestingBuy_TradesAtTheRestingBuysHigherPrice()
    {
        var buy = Buy(Alice, 30, 12.34m);
        var sell = Sell(Bob, 30, 11.00m);

        var fill = Assert.Single(OrderBook.Submit(Book(buy), sell).Fills);

        Assert.Equal(new Fill(buy.OrderId, sell.OrderId, Alice, Bob, 30, Money.FromYuan(12.34m)), fill);
        Assert.Equal(Money.FromYuan(370.20m), fill.Amount);
    }

    [Fact]
    public void Submit_ABuy_TakesTheCheapestSellFirst_WhateverItsAge()
    {
        var dear = Sell(Alice, 50, 10.20m);
        var cheap = Sell(Carol, 50, 10.10m);
        var buy = Buy(Bob, 70, 10.50m);

        var result = OrderBook.Submit(Book(dear, cheap), buy);

        Assert.Equal([(cheap.OrderId, 50L, Money.FromYuan(10.10m)), (dear.OrderId, 20L, Money.FromYuan(10.20m))],
            result.Fills.Select(f => (f.SellOrderId, f.Units, f.PricePerUnit)));
        Assert.Equal([dear with { Units = 30 }], result.Book);
    }

    [Fact]
    public void Submit_ASell_TakesTheDearestBuyFirst()
    {
        var low = Buy(Alice, 10, 9.00m);
        var high = Buy(Carol, 10, 9.50m);

        var result = OrderBook.Submit(Book(low, high), Sell(Bob, 10, 8.00m));

        Assert.Equal(high.OrderId, Assert.Single(result.Fills).BuyOrderId);
        Assert.Equal([low], result.Book);
    }

    [Fact]
    public void Submit_AtEqualPrices_TheEarlierOrderFillsFirst()
    {
        var first = Sell(Alice, 40, 10.00m);
        var second = Sell(Carol, 40, 10.00m);

        var result = OrderBook.Submit(Book(first, second), Buy(Bob, 50, 10.00m));

        Assert.Equal([(first.OrderId, 40L), (second.OrderId, 10L)], result.Fills.Select(f => (f.SellOrderId, f.Units)));
        Assert.Equal([second with { Units = 30 }], result.Book);
    }

    [Fact]
    public void Submit_AtEqualPrices_TimePriorityIsBySequence_NotByPlaceInTheList()
    {
        var early = Sell(Alice, 40, 10.00m);
        var late = Sell(Carol, 40, 10.00m);
        IReadOnlyList<Order> book = [late, early];

        var fill = Assert.Single(OrderBook.Submit(book, Buy(Bob, 40, 10.00m)).Fills);

        Assert.Equal(early.OrderId, fill.SellOrderId);
    }

    [Fact]
    public void Submit_PartlyFilled_TheRemainderRestsAtItsLimit()
    {
        var sell = Sell(Alice, 30, 10.00m);
        var buy = Buy(Bob, 100, 10.00m);

        var result = OrderBook.Submit(Book(sell), buy);

        Assert.Equal(30, Assert.Single(result.Fills).Units);
        Assert.Equal(buy with { Units = 70 }, result.Resting);
        Assert.Equal([buy with { Units = 70 }], result.Book);
    }

    [Fact]
    public void Submit_PricesThatDoNotCross_TradeNothing_AndBothRest()
    {
        var sell = Sell(Alice, 10, 10.01m);
        var buy = Buy(Bob, 10, 10.00m);

        var result = OrderBook.Submit(Book(sell), buy);

        Assert.Empty(result.Fills);
        Assert.Equal(buy, result.Resting);
        Assert.Equal([sell, buy], result.Book);
    }

    [Fact]
    public void Submit_AnInvestorsOwnRestingOrder_IsSkipped_AndTheNextOneTrades()
    {
        var own = Sell(Bob, 50, 9.00m);
        var other = Sell(Alice, 50, 10.00m);
        var buy = Buy(Bob, 80, 10.00m);

        var result = OrderBook.Submit(Book(own, other), buy);

        var fill = Assert.Single(result.Fills);
        Assert.Equal((other.OrderId, Alice, 50L), (fill.SellOrderId, fill.SellerId, fill.Units));
        Assert.Equal([own, buy with { Units = 30 }], result.Book);
    }

    [Fact]
    public void Cancel_RemovesOnlyThatOrder()
    {
        var a = Sell(Alice, 10, 10.00m);
        var b = Buy(Bob, 10, 9.00m);
        var c = Sell(Carol, 10, 11.00m);

        Assert.Equal([a, c], OrderBook.Cancel(Book(a, b, c), b.OrderId));
    }

    [Fact]
    public void Cancel_AnOrderNotInTheBook_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => OrderBook.Cancel(Book(Sell(Alice, 10, 10.00m)), Guid.NewGuid()));

        Assert.Equal(DomainErrors.InvalidInput, error.Error);
        Assert.Equal("orderId", error.Field);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(10, 0)]
    [InlineData(10, -100)]
    public void Submit_UnitsOrAPriceThatAreNotPositive_AreRefused(long units, long fen)
    {
        var order = new Order(Guid.NewGuid(), Bob, OrderSide.Buy, units, new Money(fen), Interlocked.Increment(ref _sequence));

        var error = Assert.Throws<DomainException>(() => OrderBook.Submit([], order));

        Assert.Equal(DomainErrors.InvalidInput, error.Error);
    }

    [Fact]
    public void Submit_AnOrderIdAlreadyInTheBook_IsRefused()
    {
        var sell = Sell(Alice, 10, 10.00m);

        var error = Assert.Throws<DomainException>(() => OrderBook.Submit(Book(sell), sell with { Sequence = sell.Sequence + 1_000 }));

        Assert.Equal(DomainErrors.InvalidInput, error.Error);
        Assert.Contains(sell.OrderId.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_ASequenceNotAfterEveryRestingOrder_IsRefused_SoNoOrderJumpsTheQueue()
    {
        var sell = Sell(Alice, 10, 10.00m);

        var error = Assert.Throws<DomainException>(() => OrderBook.Submit(Book(sell), Buy(Bob, 10, 9.00m) with { Sequence = sell.Sequence }));

        Assert.Equal("sequence", error.Field);
    }

    [Fact]
    public void Submit_AnOrderWorthMoreThanTheExchangesLimit_IsRefused()
    {
        var order = new Order(Guid.NewGuid(), Bob, OrderSide.Buy, 1_000_001, new Money(10_000_000_000), Interlocked.Increment(ref _sequence));

        var error = Assert.Throws<DomainException>(() => OrderBook.Submit([], order));

        Assert.Equal(DomainErrors.InvalidAmount, error.Error);
    }

    [Fact]
    public void RandomOrderFlow_ConservesUnits_NeverLeavesACrossedBook_AndFillsWithinBothLimits()
    {
        var random = new Random(2011);
        var investors = Enumerable.Range(1, 5).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        for (var run = 0; run < 300; run++)
        {
            IReadOnlyList<Order> book = [];
            var sequence = 0L;
            for (var step = random.Next(1, 60); step > 0; step--)
            {
                if (book.Count > 0 && random.Next(10) == 0)
                {
                    book = OrderBook.Cancel(book, book[random.Next(book.Count)].OrderId);
                    continue;
                }
                var incoming = new Order(Guid.NewGuid(), investors[random.Next(investors.Length)], (OrderSide)random.Next(2),
                    random.Next(1, 500), new Money(random.NextInt64(900, 1_100)), ++sequence);
                var before = book;

                var result = OrderBook.Submit(before, incoming);

                var context = $"run {run}, order {incoming.Sequence}";
                var filled = result.Fills.Sum(f => f.Units);
                Assert.True(incoming.Units == filled + (result.Resting?.Units ?? 0), context);
                Assert.True(before.Sum(o => o.Units) + incoming.Units - 2 * filled == result.Book.Sum(o => o.Units), context);
                Assert.All(result.Book, o => Assert.True(o.Units > 0, context));
                foreach (var fill in result.Fills)
                {
                    var buy = before.Append(incoming).Single(o => o.OrderId == fill.BuyOrderId);
                    var sell = before.Append(incoming).Single(o => o.OrderId == fill.SellOrderId);
                    Assert.True(fill.Units > 0 && fill.BuyerId != fill.SellerId, context);
                    Assert.True(fill.PricePerUnit <= buy.LimitPricePerUnit && fill.PricePerUnit >= sell.LimitPricePerUnit, context);
                    Assert.True(fill.Amount.Fen == fill.Units * fill.PricePerUnit.Fen, context);
                }
                // Crossed means a buy and a sell that could have traded: different investors, bid at or above ask.
                foreach (var bid in result.Book.Where(o => o.Side == OrderSide.Buy))
                {
                    var asks = result.Book.Where(o => o.Side == OrderSide.Sell && o.InvestorId != bid.InvestorId).ToArray();
                    if (asks.Length > 0)
                    {
                        Assert.True(bid.LimitPricePerUnit < asks.Min(o => o.LimitPricePerUnit), context);
                    }
                }
                book = result.Book;
            }
        }
    }
}
