using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pools;

/// <summary>A cash flow owed to one investor's statement.</summary>
public sealed record InvestorFlow(Guid InvestorId, PoolCashFlow Flow);

/// <summary>
/// What one order did to the pool: every order after it (the incoming one and those it filled), the register after the
/// fills, the fills, the order escrow's payments (each seller its price, a buyer its price improvement) in one posting,
/// and each party's statement flows.
/// </summary>
public sealed record OrderExecution(
    IReadOnlyList<PoolOrder> Orders,
    IReadOnlyList<PoolHolding> Holdings,
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<DistributionPart> Payments,
    IReadOnlyList<InvestorFlow> Flows)
{
    public Money Paid => new(Payments.Sum(p => p.Amount.Fen));
}

/// <summary>
/// The rules of the pool's continuous book (domain.md §7, behind the switch) and what a fill does. An order respects
/// what a negotiated trade does — the seller holds the units, not already offered or ordered; the 5-trading-day wait
/// both ways; the cumulative 200-holder limit — and two more, because an order waits in the book: an investor never
/// has a buy and a sell of one tranche open at once (the wait could not hold between its fills otherwise), and every
/// investor new to the pool with a buy order resting counts against the holder limit already (its fill must not find
/// the limit reached).
/// </summary>
public static class PoolOrderRules
{
    /// <summary>The order itself: a tranche of the pool, a side, at least one unit, a limit above nothing, a value within the exchange's limit.</summary>
    /// <exception cref="DomainException">invalid-input, invalid-amount.</exception>
    public static void EnsureValid(PoolDefinition definition, string trancheId, OrderSide side, long units, Money limit)
    {
        _ = definition.Tranche(trancheId);
        if (!Enum.IsDefined(side))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"An order's side is buy or sell; {(int)side} is neither.", "side");
        }
        if (units < 1)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"An order is for at least one unit; {units} is not.", "units");
        }
        if (limit.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"An order's limit price per unit must be more than nothing; {limit} is not.", "limitPricePerUnit");
        }
        if ((decimal)units * limit.Fen > Money.MaxFen)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"{units} units at {limit} is beyond the exchange's limit of CNY {Money.MaxFen / 100:N0}.", "units");
        }
    }

    /// <summary>A valid order (<see cref="EnsureValid"/>) against the room in the book, the register, the open offers and orders, and the holder limit.</summary>
    /// <exception cref="DomainException">invalid-input, invalid-amount, pool-trading-full, units-in-holding-period, pool-holder-limit-reached.</exception>
    public static void EnsureMayPlace(PoolDefinition definition, IReadOnlyList<PoolHolding> holdings, IReadOnlyList<UnitTrade> trades, IReadOnlyList<PoolOrder> orders,
        IReadOnlySet<Guid> holdersEver, IReadOnlyDictionary<string, DateOnly> lastSales, Guid investorId, string trancheId, OrderSide side, long units, Money limit,
        DateOnly today, TradingCalendar calendar)
    {
        EnsureValid(definition, trancheId, side, units, limit);
        EnsureRoom(orders, investorId);
        var opposing = orders.Any(o => o.IsOpen && o.InvestorId == investorId && o.TrancheId == trancheId && o.Side != side)
            || (side == OrderSide.Buy && trades.Any(t => t.IsOpen && t.SellerId == investorId && t.TrancheId == trancheId))
            || (side == OrderSide.Sell && trades.Any(t => t.IsOpen && t.AcceptedBy == investorId && t.TrancheId == trancheId));
        if (opposing)
        {
            throw new DomainException(DomainErrors.InvalidInput,
                $"Participant {investorId} has units of tranche {trancheId} on the other side already (an open order or offer): it does not buy and sell them at once.", "side");
        }
        if (side == OrderSide.Sell)
        {
            EnsureMaySell(definition, holdings, trades, orders, investorId, trancheId, units, today, calendar);
            return;
        }
        if (lastSales.TryGetValue(UnitTradeRules.SaleKey(investorId, trancheId), out var sold) && !calendar.MayResell(sold, today, definition.MinimumHoldingTradingDays))
        {
            throw new DomainException(DomainErrors.UnitsInHoldingPeriod,
                $"Participant {investorId} sold units of tranche {trancheId} on {sold:yyyy-MM-dd}; it buys them again no sooner than {calendar.FirstResaleDay(sold, definition.MinimumHoldingTradingDays):yyyy-MM-dd}.");
        }
        var slots = HolderSlots(holdersEver, orders);
        if (!slots.Contains(investorId) && slots.Count >= definition.MaxHolders)
        {
            throw new DomainException(DomainErrors.PoolHolderLimitReached,
                $"The pool has had {holdersEver.Count} holders and {slots.Count - holdersEver.Count} more have buy orders resting: as many as it may ever have ({definition.MaxHolders}).");
        }
    }

    /// <summary>The book takes at most <see cref="PoolRecord.MaxOpenOrders"/> open orders, <see cref="PoolRecord.MaxOpenOrdersPerInvestor"/> of them one investor's.</summary>
    /// <exception cref="DomainException">pool-trading-full.</exception>
    public static void EnsureRoom(IReadOnlyList<PoolOrder> orders, Guid investorId) =>
        TradingRoom.Ensure(orders.Where(o => o.IsOpen), o => o.InvestorId == investorId, PoolRecord.MaxOpenOrders, PoolRecord.MaxOpenOrdersPerInvestor,
            open => $"The pool has {open} orders open, as many as its book takes; no more are taken until some fill, are cancelled or expire.",
            own => $"Participant {investorId} has {own} orders open in the pool, as many as one investor may; cancel one or wait for one to fill or expire.");

    private static void EnsureMaySell(PoolDefinition definition, IReadOnlyList<PoolHolding> holdings, IReadOnlyList<UnitTrade> trades, IReadOnlyList<PoolOrder> orders,
        Guid investorId, string trancheId, long units, DateOnly today, TradingCalendar calendar)
    {
        var holding = holdings.FirstOrDefault(h => h.InvestorId == investorId && h.TrancheId == trancheId);
        var setAside = UnitsSetAside(trades, orders, investorId, trancheId);
        if (units > (holding?.Units ?? 0) - setAside)
        {
            throw new DomainException(DomainErrors.InvalidInput,
                $"Participant {investorId} holds {holding?.Units ?? 0} units of tranche {trancheId}, {setAside} of them offered or ordered already; it cannot sell {units}.", "units");
        }
        if (!calendar.MayResell(holding!.LastBoughtOn, today, definition.MinimumHoldingTradingDays))
        {
            throw new DomainException(DomainErrors.UnitsInHoldingPeriod,
                $"Participant {investorId} last bought units of tranche {trancheId} on {holding.LastBoughtOn:yyyy-MM-dd}; they are resold no sooner than {calendar.FirstResaleDay(holding.LastBoughtOn, definition.MinimumHoldingTradingDays):yyyy-MM-dd}.");
        }
    }

    /// <summary>A holder's units of a tranche that open offers and open sell orders have set aside: no other sale may take them.</summary>
    public static long UnitsSetAside(IReadOnlyList<UnitTrade> trades, IReadOnlyList<PoolOrder> orders, Guid investorId, string trancheId) =>
        trades.Where(t => t.IsOpen && t.SellerId == investorId && t.TrancheId == trancheId).Sum(t => t.Units)
        + orders.Where(o => o.IsOpen && o.Side == OrderSide.Sell && o.InvestorId == investorId && o.TrancheId == trancheId).Sum(o => o.Units);

    /// <summary>Everyone who ever held units, and every investor new to the pool with a buy order open: the holder limit counts them all.</summary>
    public static IReadOnlySet<Guid> HolderSlots(IReadOnlySet<Guid> holdersEver, IReadOnlyList<PoolOrder> orders)
    {
        var slots = new HashSet<Guid>(holdersEver);
        slots.UnionWith(orders.Where(o => o.IsOpen && o.Side == OrderSide.Buy).Select(o => o.InvestorId));
        return slots;
    }

    /// <summary>An investor with an order open on one side of a tranche takes no negotiated trade on the other.</summary>
    public static void EnsureNoOpposingOrder(IReadOnlyList<PoolOrder> orders, Guid investorId, string trancheId, OrderSide tradeSide)
    {
        if (orders.Any(o => o.IsOpen && o.InvestorId == investorId && o.TrancheId == trancheId && o.Side != tradeSide))
        {
            throw new DomainException(DomainErrors.InvalidInput,
                $"Participant {investorId} has an order open to {(tradeSide == OrderSide.Buy ? "sell" : "buy")} units of tranche {trancheId}: it does not buy and sell them at once.");
        }
    }

    /// <summary>
    /// The incoming order (resting now: a buy order's money is in escrow) meets the book of its tranche
    /// (<see cref="OrderBook.Submit"/>): each fill moves the units and pays the seller its price out of the buyer's
    /// escrow; an incoming buy filled below its limit gets the difference back. What the book leaves of each order stays.
    /// </summary>
    public static OrderExecution Execute(IReadOnlyList<PoolOrder> orders, PoolOrder incoming, IReadOnlyList<PoolHolding> holdings, DateOnly today, string postingId)
    {
        // Orders are good for their day: one whose day is over waits for the daily check to expire it, out of the book.
        var book = orders.Where(o => o.TrancheId == incoming.TrancheId && o.OrderId != incoming.OrderId && new OrderInLife(o, today).Lifecycle is { IsResting: true, CanExpire: false })
            .OrderBy(o => o.Sequence).Select(o => o.ForBook()).ToArray();
        var match = OrderBook.Submit(book, incoming.ForBook());
        var left = match.Book.ToDictionary(o => o.OrderId, o => o.Units);
        var touched = new HashSet<Guid>(match.Fills.SelectMany(f => new[] { f.BuyOrderId, f.SellOrderId })) { incoming.OrderId };
        var after = orders.Select(o => touched.Contains(o.OrderId) ? Filled(o, left.GetValueOrDefault(o.OrderId), today) : o).ToList();

        var register = holdings.ToList();
        var payments = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var flows = new List<InvestorFlow>();
        foreach (var fill in match.Fills)
        {
            register = UnitTradeRules.Move(register, fill.SellerId, fill.BuyerId, incoming.TrancheId, fill.Units, today);
            Add(payments, fill.SellerId, fill.Amount.Fen);
            var improvement = incoming.Side == OrderSide.Buy ? checked(fill.Units * (incoming.LimitPricePerUnit.Fen - fill.PricePerUnit.Fen)) : 0;
            Add(payments, fill.BuyerId, improvement);
            var flowId = $"fill:{fill.BuyOrderId:N}:{fill.SellOrderId:N}";
            flows.Add(new InvestorFlow(fill.BuyerId, new PoolCashFlow(flowId, today, PoolCashFlowKind.Purchase, -fill.Amount, incoming.TrancheId, fill.Units, postingId)));
            flows.Add(new InvestorFlow(fill.SellerId, new PoolCashFlow(flowId, today, PoolCashFlowKind.Sale, fill.Amount, incoming.TrancheId, -fill.Units, postingId)));
        }
        return new OrderExecution(after, register, match.Fills, [.. payments.Select(p => new DistributionPart(p.Key, new Money(p.Value)))], flows);
    }

    /// <summary>What the order escrow gives back to a paid buy order that ends unfilled (its unfilled units at its limit); nothing for a sell order.</summary>
    public static IReadOnlyList<DistributionPart> Refund(PoolOrder order) =>
        order.Escrowed.Fen > 0 ? [new DistributionPart(AccountId.ForParticipant(order.InvestorId), order.Escrowed)] : [];

    private static PoolOrder Filled(PoolOrder order, long unitsLeft, DateOnly today)
    {
        if (unitsLeft > 0)
        {
            return order with { Units = unitsLeft };
        }
        var life = new OrderInLife(order with { Units = 0 }, today);
        life.Lifecycle.Fill();
        return life.Current;
    }

    private static void Add(SortedDictionary<string, long> payments, Guid participantId, long fen)
    {
        if (fen > 0)
        {
            var account = AccountId.ForParticipant(participantId);
            payments[account] = checked(payments.GetValueOrDefault(account) + fen);
        }
    }
}
