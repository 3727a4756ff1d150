using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>What a fill does to the register and the order escrow, as pure rules, over random books.</summary>
public sealed class PoolOrderRulesTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    [Fact]
    public void RandomOrders_ConserveUnitsAndTheEscrow_EveryPaymentComingOutOfWhatBuyersPaidIn()
    {
        var random = new Random(38);
        for (var round = 0; round < 300; round++)
        {
            var investors = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
            var holdings = investors.Select(i => new PoolHolding(i, "A", random.Next(0, 50), Today.AddDays(-30))).Where(h => h.Units > 0).ToList();
            var orders = new List<PoolOrder>();
            long sequence = 0;
            for (var n = 0; n < 12; n++)
            {
                var investor = investors[random.Next(investors.Length)];
                var held = holdings.FirstOrDefault(h => h.InvestorId == investor)?.Units ?? 0;
                var setAside = orders.Where(o => o.IsOpen && o.InvestorId == investor && o.Side == OrderSide.Sell).Sum(o => o.Units);
                var hasBuy = orders.Any(o => o.IsOpen && o.InvestorId == investor && o.Side == OrderSide.Buy);
                var side = held - setAside > 0 && !hasBuy && random.Next(2) == 0 ? OrderSide.Sell : OrderSide.Buy;
                if (side == OrderSide.Buy && orders.Any(o => o.IsOpen && o.InvestorId == investor && o.Side == OrderSide.Sell))
                {
                    continue;
                }
                var units = side == OrderSide.Sell ? random.Next(1, (int)(held - setAside) + 1) : random.Next(1, 30);
                var incoming = new PoolOrder(Guid.NewGuid(), investor, "A", side, units, units, new Money(random.Next(90, 111) * 100), ++sequence, Today, PoolOrderStatus.Resting, null);
                var escrowBefore = orders.Where(o => o.Status == PoolOrderStatus.Resting).Sum(o => o.Escrowed.Fen) + incoming.Escrowed.Fen;
                var unitsBefore = holdings.Sum(h => h.Units);

                var execution = PoolOrderRules.Execute([.. orders, incoming], incoming, holdings, Today, "posting");

                var escrowAfter = execution.Orders.Where(o => o.Status == PoolOrderStatus.Resting).Sum(o => o.Escrowed.Fen);
                Assert.Equal(escrowBefore - escrowAfter, execution.Paid.Fen);
                Assert.Equal(execution.Fills.Sum(f => f.Amount.Fen), execution.Flows.Where(f => f.Flow.Kind == PoolCashFlowKind.Sale).Sum(f => f.Flow.Amount.Fen));
                Assert.Equal(unitsBefore, execution.Holdings.Sum(h => h.Units));
                Assert.All(execution.Holdings, h => Assert.True(h.Units > 0));
                Assert.All(execution.Fills, f => Assert.NotEqual(f.BuyerId, f.SellerId));
                orders = [.. execution.Orders];
                holdings = [.. execution.Holdings];
            }
        }
    }

    [Fact]
    public void TheHolderLimit_CountsNewInvestorsWithABuyOrderOpen()
    {
        Guid x = Guid.NewGuid(), z = Guid.NewGuid();
        var ever = new HashSet<Guid> { x };
        PoolOrder[] orders = [new(Guid.NewGuid(), z, "A", OrderSide.Buy, 5, 5, Money.FromYuan(100m), 1, Today, PoolOrderStatus.Resting, null)];
        Assert.Equal(new HashSet<Guid> { x, z }, PoolOrderRules.HolderSlots(ever, orders));
        Assert.Equal(new HashSet<Guid> { x }, PoolOrderRules.HolderSlots(ever, [orders[0] with { Status = PoolOrderStatus.Expired }]));
    }
}
