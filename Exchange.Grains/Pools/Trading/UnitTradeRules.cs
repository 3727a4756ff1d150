using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// What a trade of units must respect (domain.md §7, 国发〔2011〕38号): the seller holds the units, not already offered;
/// it bought them at least the pool's minimum number of trading days ago; and the buyer does not take the pool past
/// its holder limit. The wait counts from the holder's last purchase of the tranche's units: units are fungible, so
/// the exchange cannot tell which were bought when, and the stricter reading is the lawful one.
/// </summary>
public static class UnitTradeRules
{
    public const int MaxOfferDays = 30;

    /// <exception cref="DomainException">invalid-input, invalid-amount, pool-trading-full, units-in-holding-period.</exception>
    public static void EnsureMayOffer(PoolDefinition definition, IReadOnlyList<PoolHolding> holdings, IReadOnlyList<UnitTrade> trades, IReadOnlyList<PoolOrder> orders, Guid sellerId,
        string trancheId, long units, Money price, Guid? buyerId, DateOnly expiresOn, DateOnly today, TradingCalendar calendar)
    {
        _ = definition.Tranche(trancheId);
        if (units < 1)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A trade is of at least one unit; {units} is not.", "units");
        }
        if (price.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A trade's price must be more than nothing; {price} is not.", "price");
        }
        if (buyerId == sellerId)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A seller cannot name itself as the buyer.", "buyerId");
        }
        if (expiresOn <= today || expiresOn > today.AddDays(MaxOfferDays))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"An offer expires after today and within {MaxOfferDays} days (by {today.AddDays(MaxOfferDays):yyyy-MM-dd}); {expiresOn:yyyy-MM-dd} is not.", "expiresOn");
        }
        EnsureRoom(trades, sellerId);
        var holding = holdings.FirstOrDefault(h => h.InvestorId == sellerId && h.TrancheId == trancheId);
        var offered = PoolOrderRules.UnitsSetAside(trades, orders, sellerId, trancheId);
        var free = (holding?.Units ?? 0) - offered;
        if (units > free)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {sellerId} holds {holding?.Units ?? 0} units of tranche {trancheId}, {offered} of them offered or ordered already; it cannot offer {units}.", "units");
        }
        if (!calendar.MayResell(holding!.LastBoughtOn, today, definition.MinimumHoldingTradingDays))
        {
            throw new DomainException(DomainErrors.UnitsInHoldingPeriod,
                $"Participant {sellerId} last bought units of tranche {trancheId} on {holding.LastBoughtOn:yyyy-MM-dd}; they are resold no sooner than {definition.MinimumHoldingTradingDays} trading days later, on {calendar.FirstResaleDay(holding.LastBoughtOn, definition.MinimumHoldingTradingDays):yyyy-MM-dd}.");
        }
    }

    /// <summary>The pool takes at most <see cref="PoolRecord.MaxOpenTrades"/> open offers, <see cref="PoolRecord.MaxOpenTradesPerSeller"/> of them one seller's.</summary>
    /// <exception cref="DomainException">pool-trading-full.</exception>
    public static void EnsureRoom(IReadOnlyList<UnitTrade> trades, Guid sellerId) =>
        TradingRoom.Ensure(trades.Where(t => t.IsOpen), t => t.SellerId == sellerId, PoolRecord.MaxOpenTrades, PoolRecord.MaxOpenTradesPerSeller,
            open => $"The pool has {open} open offers, as many as it takes; no more are taken until some are settled, withdrawn or expire.",
            own => $"Participant {sellerId} has {own} offers open in the pool, as many as one seller may; withdraw one or wait for one to be settled or expire.");

    public static string SaleKey(Guid investorId, string trancheId) => $"{investorId:N}/{trancheId}";

    /// <exception cref="DomainException">
    /// forbidden (another buyer is named), invalid-input (one's own offer), pool-holder-limit-reached (a new holder beyond
    /// the pool's cumulative limit), units-in-holding-period (the buyer sold units of the tranche too recently, or the
    /// seller bought some since it offered).
    /// </exception>
    public static void EnsureMayBuy(PoolDefinition definition, IReadOnlyList<PoolHolding> holdings, IReadOnlySet<Guid> holdersEver, IReadOnlyDictionary<string, DateOnly> lastSales,
        UnitTrade trade, Guid buyerId, DateOnly today, TradingCalendar calendar)
    {
        if (buyerId == trade.SellerId)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A seller cannot accept its own offer.");
        }
        if (trade.BuyerId is { } named && named != buyerId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Trade {trade.TradeId} is offered to participant {named} only.");
        }
        // 国发〔2011〕38号 counts holders cumulatively (累计): everyone who ever held units, not those holding now.
        if (!holdersEver.Contains(buyerId) && holdersEver.Count >= definition.MaxHolders)
        {
            throw new DomainException(DomainErrors.PoolHolderLimitReached,
                $"The pool has had {holdersEver.Count} holders, as many as it may ever have ({definition.MaxHolders}); only one of them may buy its units.");
        }
        // The same rule's wait runs both ways: no buying back within the minimum after a sale, no selling within it after a purchase.
        if (lastSales.TryGetValue(SaleKey(buyerId, trade.TrancheId), out var sold) && !calendar.MayResell(sold, today, definition.MinimumHoldingTradingDays))
        {
            throw new DomainException(DomainErrors.UnitsInHoldingPeriod,
                $"Participant {buyerId} sold units of tranche {trade.TrancheId} on {sold:yyyy-MM-dd}; it buys them again no sooner than {calendar.FirstResaleDay(sold, definition.MinimumHoldingTradingDays):yyyy-MM-dd}.");
        }
        var seller = holdings.FirstOrDefault(h => h.InvestorId == trade.SellerId && h.TrancheId == trade.TrancheId);
        if (seller is null || seller.Units < trade.Units)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Trade {trade.TradeId}'s seller no longer holds the {trade.Units} units it offered.");
        }
        if (!calendar.MayResell(seller.LastBoughtOn, today, definition.MinimumHoldingTradingDays))
        {
            throw new DomainException(DomainErrors.UnitsInHoldingPeriod,
                $"Trade {trade.TradeId}'s seller bought units of tranche {trade.TrancheId} on {seller.LastBoughtOn:yyyy-MM-dd}; they are resold no sooner than {calendar.FirstResaleDay(seller.LastBoughtOn, definition.MinimumHoldingTradingDays):yyyy-MM-dd}.");
        }
    }

    /// <summary>The register after delivery: the seller's units less, the buyer's more (bought today).</summary>
    public static List<PoolHolding> Deliver(IReadOnlyList<PoolHolding> holdings, UnitTrade trade, Guid buyerId, DateOnly today) =>
        Move(holdings, trade.SellerId, buyerId, trade.TrancheId, trade.Units, today);

    /// <summary>Units of a tranche change hands (a trade's delivery, a fill in the book): the buyer's holding counts as bought today.</summary>
    public static List<PoolHolding> Move(IReadOnlyList<PoolHolding> holdings, Guid sellerId, Guid buyerId, string trancheId, long units, DateOnly today)
    {
        var register = holdings.ToList();
        var seller = register.Single(h => h.InvestorId == sellerId && h.TrancheId == trancheId);
        if (seller.Units < units)
        {
            throw new InvalidOperationException($"Participant {sellerId} holds {seller.Units} units of tranche {trancheId}, not the {units} it delivers: units set aside must stay held.");
        }
        register.Remove(seller);
        if (seller.Units > units)
        {
            register.Add(seller with { Units = seller.Units - units });
        }
        var bought = register.FirstOrDefault(h => h.InvestorId == buyerId && h.TrancheId == trancheId);
        if (bought is not null)
        {
            register.Remove(bought);
        }
        register.Add(new PoolHolding(buyerId, trancheId, (bought?.Units ?? 0) + units, today));
        return [.. register.OrderBy(h => h.TrancheId, StringComparer.Ordinal).ThenBy(h => h.InvestorId)];
    }
}
