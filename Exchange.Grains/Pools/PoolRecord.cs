using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Pools;

/// <summary>Storage shape of a pool; never leaves the grain. The JSON names are the storage contract.</summary>
internal sealed class PoolRecord : IHasOutbox
{
    /// <summary>1: collections were the account's balance less what the pool held; 2: they are read from its ledger lines (<see cref="CollectionsReadThrough"/>).</summary>
    public const int CurrentSchema = 2;

    /// <summary>At most this many licence receivables in one pool (the 2019 Shenzhen deal pooled 11 SMEs' licences).</summary>
    public const int MaxReceivables = 200;

    /// <summary>At most this many subscriptions are taken in one window (each investor may subscribe more than once).</summary>
    public const int MaxSubscriptions = 2_000;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public PoolDefinition? Definition { get; set; }
    public Guid OriginatorId { get; set; }
    public PoolStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Guid> Receivables { get; set; } = [];
    public List<PoolSubscription> Subscriptions { get; set; } = [];
    public DateOnly? IssuedOn { get; set; }

    /// <summary>The units issued per tranche; a tranche absent here (or at 0) was not issued.</summary>
    public SortedDictionary<string, long> UnitsIssued { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Everyone who has ever held the pool's units (国发〔2011〕38号 counts holders cumulatively): at most <see cref="PoolDefinition.MaxHolders"/>.</summary>
    public SortedSet<Guid> HoldersEver { get; set; } = [];

    /// <summary>When each holder last sold units of a tranche (key investor/tranche): it buys them again only after the minimum wait. Bounded by the holders ever times the tranches.</summary>
    public SortedDictionary<string, DateOnly> LastSales { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Who holds what: at most <see cref="PoolDefinition.MaxHolders"/> investors, one row per investor and tranche.</summary>
    public List<PoolHolding> Holdings { get; set; } = [];

    /// <summary>What the pool owes and holds now, as the waterfall engine reads it; null before issue.</summary>
    public PoolBalances? Balances { get; set; }

    /// <summary>
    /// The last line of the collection account's statement counted as collections; the next date reads after it. Null
    /// until the first date (a schema-1 pool's earlier dates counted, from the balance, what arrived on or before them).
    /// </summary>
    public long? CollectionsReadThrough { get; set; }

    /// <summary>Every distribution made, one per distribution date (at most <see cref="PoolStructure.MaxDistributionDates"/>).</summary>
    public List<PoolPeriod> Periods { get; set; } = [];

    /// <summary>At most this many offers are open at once; at most <see cref="MaxFinishedTrades"/> finished ones are remembered.</summary>
    public const int MaxOpenTrades = 200;

    /// <summary>At most this many of the open offers are one seller's, so that no holder takes every slot alone.</summary>
    public const int MaxOpenTradesPerSeller = 20;

    public const int MaxFinishedTrades = 50;

    /// <summary>Negotiated trades of units: the open ones, and the most recent finished ones.</summary>
    public List<UnitTrade> Trades { get; set; } = [];

    /// <summary>Forgets the oldest finished trades beyond <see cref="MaxFinishedTrades"/> (their audit entries and postings remain).</summary>
    public static void TrimFinishedTrades(List<UnitTrade> trades)
    {
        var finished = trades.Where(t => !t.IsOpen).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - MaxFinishedTrades)))
        {
            trades.Remove(old);
        }
    }

    /// <summary>At most this many orders are open in the book at once; at most <see cref="MaxFinishedOrders"/> finished ones are remembered (a repeat of one answers it).</summary>
    public const int MaxOpenOrders = 500;

    /// <summary>At most this many of the open orders are one investor's, so that no investor fills the book alone.</summary>
    public const int MaxOpenOrdersPerInvestor = 20;

    public const int MaxFinishedOrders = 200;

    /// <summary>The continuous book's orders (only with <see cref="PoolTradingOptions.OrderBookEnabled"/>): the open ones, and the most recent finished ones.</summary>
    public List<PoolOrder> Orders { get; set; } = [];

    /// <summary>The last order's place in time: each new order takes the next.</summary>
    public long OrderSequence { get; set; }

    /// <summary>Forgets the oldest finished orders beyond <see cref="MaxFinishedOrders"/> (their audit entries and postings remain).</summary>
    public static List<PoolOrder> TrimFinishedOrders(IReadOnlyList<PoolOrder> orders)
    {
        var forget = orders.Where(o => !o.IsOpen).SkipLast(MaxFinishedOrders).Select(o => o.OrderId).ToHashSet();
        return [.. orders.Where(o => !forget.Contains(o.OrderId))];
    }

    /// <summary>What the originator was paid at issue: the subscriptions kept.</summary>
    public Money PurchasePrice { get; set; }
    public string? EndReason { get; set; }

    /// <summary>After redemption the pool collects royalties this many days more: the last quarter's are reported within 10 days and due 30 days later.</summary>
    public const int RoyaltyTailDays = 100;

    /// <summary>The day a redeemed pool winds up, its royalty tail over.</summary>
    public DateOnly? WindUpOn { get; set; }

    /// <summary>The winding up is owed (its follow-ups written): the royalty assignments end, then the rest is paid out.</summary>
    public bool WindingUp { get; set; }

    /// <summary>The originator's clean-up call, once exercised: a repeat of it answers the pool as it stands.</summary>
    public Guid? CallId { get; set; }
    public Outbox Outbox { get; set; } = new();
}
