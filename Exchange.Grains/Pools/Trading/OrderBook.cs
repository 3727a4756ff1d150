using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Continuous matching of one tranche's units by price, then time. The exchange keeps it switched off by default:
/// venues without a licence for it must not continuously match standardized units (国发〔2011〕38号), so the book exists
/// only so the exchange can turn it on where that is permitted. It is pure: the caller holds the book, passes it in
/// with each order and keeps the book that comes back, so a grain can persist and replay it exactly.
/// <para>
/// An incoming buy takes the resting sells priced at or below its limit, cheapest first; an incoming sell takes the
/// resting buys at or above its limit, dearest first; equal prices go to the lower <see cref="Order.Sequence"/>. Each
/// trade is at the resting order's price, because that is the price its owner published and waited at; the incoming
/// order's owner gets any improvement on its limit. What is not filled rests in the book.
/// </para>
/// <para>
/// An investor never trades with itself (a self-trade moves no units and only paints the tape, 对倒): its own resting
/// orders are skipped and stay in the book. So the book can hold an investor's buy priced at or above its own sell,
/// but never a buy and a sell of different investors that cross: those would have traded.
/// </para>
/// </summary>
public static class OrderBook
{
    public static MatchResult Submit(IReadOnlyList<Order> book, Order incoming)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(incoming);
        Validate(book, incoming);

        var left = book.Select(o => o.Units).ToArray();
        var fills = new List<Fill>();
        var remaining = incoming.Units;
        foreach (var index in Matchable(book, incoming))
        {
            if (remaining == 0)
            {
                break;
            }
            var resting = book[index];
            var units = Math.Min(remaining, left[index]);
            var (buy, sell) = incoming.Side == OrderSide.Buy ? (incoming, resting) : (resting, incoming);
            fills.Add(new Fill(buy.OrderId, sell.OrderId, buy.InvestorId, sell.InvestorId, units, resting.LimitPricePerUnit));
            left[index] -= units;
            remaining -= units;
        }

        // The book keeps its order (which is arrival order when sequences rise), filled orders dropped and part-filled
        // ones reduced; the remainder joins at the end.
        var after = new List<Order>(book.Count + 1);
        for (var i = 0; i < book.Count; i++)
        {
            if (left[i] > 0)
            {
                after.Add(left[i] == book[i].Units ? book[i] : book[i] with { Units = left[i] });
            }
        }
        var rest = remaining > 0 ? incoming with { Units = remaining } : null;
        if (rest is not null)
        {
            after.Add(rest);
        }
        return new MatchResult(fills, rest, after);
    }

    /// <summary>The book without the order; an id not in the book (already filled or cancelled) is refused, so the caller can say which.</summary>
    public static IReadOnlyList<Order> Cancel(IReadOnlyList<Order> book, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(book);
        var index = book.ToList().FindIndex(o => o.OrderId == orderId);
        if (index < 0)
        {
            throw Refused($"Order {orderId} is not in the book: it was filled, cancelled or never placed.", "orderId");
        }
        return book.Where((_, i) => i != index).ToArray();
    }

    /// <summary>The indices of the resting orders the incoming one may trade with, best price first, then earliest.</summary>
    private static IEnumerable<int> Matchable(IReadOnlyList<Order> book, Order incoming)
    {
        var candidates = Enumerable.Range(0, book.Count)
            .Where(i => book[i].Side != incoming.Side && book[i].InvestorId != incoming.InvestorId && Crosses(incoming, book[i]));
        var byPrice = incoming.Side == OrderSide.Buy
            ? candidates.OrderBy(i => book[i].LimitPricePerUnit.Fen)
            : candidates.OrderByDescending(i => book[i].LimitPricePerUnit.Fen);
        return byPrice.ThenBy(i => book[i].Sequence).ThenBy(i => i).ToArray();
    }

    private static bool Crosses(Order incoming, Order resting) => incoming.Side == OrderSide.Buy
        ? resting.LimitPricePerUnit <= incoming.LimitPricePerUnit
        : resting.LimitPricePerUnit >= incoming.LimitPricePerUnit;

    private static void Validate(IReadOnlyList<Order> book, Order incoming)
    {
        if (incoming.OrderId == Guid.Empty || incoming.InvestorId == Guid.Empty)
        {
            throw Refused($"An order needs an order id and an investor id; order {incoming.OrderId} of investor {incoming.InvestorId} lacks one.", "orderId");
        }
        if (!Enum.IsDefined(incoming.Side))
        {
            throw Refused($"Order {incoming.OrderId}'s side must be buy or sell; {(int)incoming.Side} is neither.", "side");
        }
        if (incoming.Units <= 0)
        {
            throw Refused($"Order {incoming.OrderId} must be for at least one unit; {incoming.Units} is not.", "units");
        }
        if (incoming.LimitPricePerUnit.Fen <= 0)
        {
            throw Refused($"Order {incoming.OrderId}'s limit price per unit must be more than nothing; {incoming.LimitPricePerUnit} is not.", "limitPricePerUnit");
        }
        // Every fill is at most the order's units at a price no worse than a limit already checked this way, so no
        // fill's amount can overflow or pass the exchange's limit once each order's value is within it.
        if ((decimal)incoming.Units * incoming.LimitPricePerUnit.Fen > Money.MaxFen)
        {
            throw new DomainException(DomainErrors.InvalidAmount,
                $"Order {incoming.OrderId}: {incoming.Units} units at {incoming.LimitPricePerUnit} is beyond the exchange's limit of CNY {Money.MaxFen / 100:N0}.", "units");
        }
        foreach (var resting in book)
        {
            if (resting.OrderId == incoming.OrderId)
            {
                throw Refused($"Order {incoming.OrderId} is already in the book.", "orderId");
            }
            // Time priority is only as good as the sequence: an order that arrives later must not jump the queue.
            if (resting.Sequence >= incoming.Sequence)
            {
                throw Refused($"Order {incoming.OrderId}'s sequence {incoming.Sequence} must be after every resting order's; order {resting.OrderId} has {resting.Sequence}.", "sequence");
            }
        }
    }

    private static DomainException Refused(string message, string field) => new(DomainErrors.InvalidInput, message, field);
}
