using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>The close of a window, a date's payout and the winding up, as pure rules: every posting's parts add up.</summary>
public sealed class PoolRegisterTests
{
    private static readonly DateOnly Today = new(2027, 1, 4);
    private static readonly Guid Originator = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    private static readonly Guid Trustee = Guid.Parse("0000000b-0000-0000-0000-000000000000");

    private static PoolDefinition Definition => new("Pool", Today, [Today.AddDays(90), Today.AddDays(180)],
        [
            new TrancheDefinition("A", TrancheSeniority.Senior, 100, Money.FromYuan(100m), 4m, 10, 50, Amortization.EqualParts),
            new TrancheDefinition("C", TrancheSeniority.Subordinated, 10, Money.FromYuan(100m), 0m, 10, 0, Amortization.AtMaturity),
        ],
        [new FeeDefinition("trustee", Trustee, Money.FromYuan(100m), 0m)], Money.FromYuan(500m), 1.2m, true, false, 10m, 200, 5, [Money.Zero, Money.Zero]);

    private static PoolSubscription Subscribed(Guid investor, string tranche, long units) =>
        new(Guid.NewGuid(), investor, tranche, units, Money.FromYuan(100m * units), Guid.NewGuid(), true, default);

    [Fact]
    public void AnIssue_PaysTheOriginatorWhatIsKept_AndRefundsTheRest_InPartsThatAddUpToTheEscrow()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();
        PoolSubscription[] held = [Subscribed(x, "A", 60), Subscribed(x, "A", 20), Subscribed(y, "A", 40), Subscribed(Originator, "C", 10)];

        var decision = PoolIssue.Decide(Definition, Originator, held, Today);

        Assert.Null(decision.CancelledBecause);
        Assert.Equal(new Dictionary<string, long> { ["A"] = 100, ["C"] = 10 }, decision.UnitsIssued);
        Assert.Equal([(x, 70L), (y, 30L)], decision.Holdings.Where(h => h.TrancheId == "A").OrderByDescending(h => h.Units).Select(h => (h.InvestorId, h.Units)));
        Assert.Equal(Money.FromYuan(11_000m), decision.PurchasePrice);
        Assert.Equal(held.Sum(s => s.Amount.Fen), decision.Payout.Sum(p => p.Amount.Fen)); // the escrow, all of it, and no more
        Assert.Equal(Money.FromYuan(1_000m), decision.Payout.Single(p => p.AccountId == AccountId.ForParticipant(x)).Amount);
    }

    [Fact]
    public void ATrancheBelowItsMinimum_CancelsTheWholePool_RefundingEveryoneInFull()
    {
        PoolSubscription[] held = [Subscribed(Guid.NewGuid(), "A", 40), Subscribed(Originator, "C", 10)];
        var decision = PoolIssue.Decide(Definition, Originator, held, Today);
        Assert.Contains("tranche A was subscribed for 40 units, below the 50", decision.CancelledBecause);
        Assert.Empty(decision.Payout);
        Assert.Equal(Money.FromYuan(5_000m), decision.Refunded);
    }

    [Fact]
    public void ADatesPayout_PaysEachFeeAndEachHolderByUnits_OnePartPerAccount_ToTheFen()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid(), z = Guid.NewGuid();
        var definition = Definition with { Fees = [new FeeDefinition("trustee", x, Money.FromYuan(100m), 0m)] }; // x is trustee and holder
        PoolHolding[] holdings = [new(x, "A", 33, Today), new(y, "A", 33, Today), new(z, "A", 34, Today), new(Originator, "C", 10, Today)];
        var terms = PoolStructure.Terms(definition, new Dictionary<string, long> { ["A"] = 100, ["C"] = 10 });
        var report = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), PoolStructure.Period(definition, terms, Today, 0), new Money(1_000_001));

        var payout = PoolDistribution.Pay(definition, report, holdings);

        Assert.Equal(report.PaidOut, payout.Total);
        Assert.Equal(payout.Parts.Count, payout.Parts.Select(p => p.AccountId).Distinct().Count());
        var toA = report.Tranche("A").TotalPaid;
        Assert.Equal(toA, payout.ToHolders[x] + payout.ToHolders[y] + payout.ToHolders[z]);
        Assert.Equal(payout.ToHolders[x] + report.PaidToFee("trustee"), payout.Parts.Single(p => p.AccountId == AccountId.ForParticipant(x)).Amount);
        Assert.InRange((payout.ToHolders[z] - payout.ToHolders[y]).Fen, 0, toA.Fen / 33); // 34 units get a little more than 33
    }

    [Fact]
    public void TheWindingUp_PaysWhatIsLeftToTheTranchesStillOwedMostSeniorFirst_ThenTheResidualHolders_OrTheOriginator()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();
        PoolHolding[] holdings = [new(x, "A", 50, Today), new(y, "A", 50, Today), new(Originator, "C", 10, Today)];
        var owed = new PoolBalances(PoolState.Accelerated, true, [new TrancheBalance("A", Money.FromYuan(300m), Money.FromYuan(1m)), new TrancheBalance("C", Money.FromYuan(1_000m), Money.Zero)],
            [new FeeBalance("trustee", Money.FromYuan(40m))], Money.Zero, Money.Zero);

        var payout = PoolDistribution.WindUp(Money.FromYuan(500m), Definition, owed, holdings, Originator);

        Assert.Equal(Money.FromYuan(40m), payout.Parts.Single(p => p.AccountId == AccountId.ForParticipant(Trustee)).Amount); // the fee's arrears first
        Assert.Equal(Money.FromYuan(150.50m), payout.ToHolders[x]); // A is owed 301: half each
        Assert.Equal(Money.FromYuan(159m), payout.ToHolders[Originator]); // the rest to C's holder
        Assert.Equal(Money.FromYuan(500m), payout.Total);

        var noResidual = PoolDistribution.WindUp(Money.FromYuan(500m), Definition, owed, [.. holdings.Take(2)], Originator);
        Assert.Equal(Money.FromYuan(159m), noResidual.Parts.Single(p => p.AccountId == AccountId.ForParticipant(Originator)).Amount);
        var short_ = PoolDistribution.WindUp(Money.FromYuan(30m), Definition, owed, holdings, Originator);
        Assert.Equal([(AccountId.ForParticipant(Trustee), Money.FromYuan(30m))], short_.Parts.Select(p => (p.AccountId, p.Amount)));
        Assert.False(noResidual.ToHolders.ContainsKey(Originator));
        Assert.Empty(PoolDistribution.WindUp(Money.Zero, Definition, owed, holdings, Originator).Parts);
    }

    [Fact]
    public void TheCleanUpCall_PaysEveryTrancheButTheResidualWhatItIsOwed_TheOriginatorPayingWhatThePoolsCashDoesNotCover()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();
        PoolHolding[] holdings = [new(x, "A", 60, Today), new(y, "A", 40, Today), new(Originator, "C", 10, Today)];
        var balances = new PoolBalances(PoolState.Normal, false,
            [new TrancheBalance("A", Money.FromYuan(900m), Money.FromYuan(3.33m)), new TrancheBalance("C", Money.FromYuan(1_000m), Money.Zero)],
            [new FeeBalance("trustee", Money.FromYuan(50m))], Money.FromYuan(500m), Money.FromYuan(20m));

        // Called 45 days after the last date: A's 4% coupon on 900 for 45 days, actual/360, is 4.50; the trustee has
        // earned half of its CNY 100 for the 90-day period besides its CNY 50 of arrears.
        var day = CallDay.Of(Definition, Today, Today.AddDays(45));
        Assert.Equal(Today.AddDays(90), day.PeriodEnds);
        Assert.Equal(Money.FromYuan(903.33m + 4.50m + 50m + 50m - 520m), PoolDistribution.CallPrice(Definition, balances, day));
        var payout = PoolDistribution.Call(Definition, balances, holdings, day);
        Assert.Equal(Money.FromYuan(1_007.83m), payout.Total); // the price and the pool's cash, exactly
        Assert.Equal(Money.FromYuan(100m), payout.Parts.Single(p => p.AccountId == AccountId.ForParticipant(Trustee)).Amount);
        Assert.Equal(Money.FromYuan(907.83m), payout.ToHolders[x] + payout.ToHolders[y]);
        Assert.False(payout.ToHolders.ContainsKey(Originator)); // the residual waits for the winding up
        var after = PoolDistribution.AfterCall(Definition, balances, day);
        Assert.Equal((Money.Zero, Money.FromYuan(1_000m), Money.Zero, Money.Zero), (after.Tranche("A").Outstanding, after.Tranche("C").Outstanding, after.Reserve, after.RetainedCash));
        Assert.Equal(Money.Zero, PoolDistribution.CallPrice(Definition, balances with { Reserve = Money.FromYuan(5_000m) }, day));
        // Called on the date itself, nothing has accrued.
        Assert.Equal(Money.FromYuan(903.33m + 50m - 520m), PoolDistribution.CallPrice(Definition, balances, CallDay.Of(Definition, Today, Today)));
    }

    [Fact]
    public void AFeeAccrues_ByTheDaysOfItsPeriod_OrAtItsRateOnTheOutstanding()
    {
        var start = new DateOnly(2027, 1, 1);
        var fixedFee = Fee.Fixed("trustee", Money.FromYuan(100m));
        Money Fixed(int days) => fixedFee.Accrued(Money.Zero, start, start.AddDays(days), start.AddDays(90));
        Assert.Equal([Money.Zero, Money.FromYuan(33.33m), Money.FromYuan(50m), Money.FromYuan(100m), Money.FromYuan(100m)], new[] { 0, 30, 45, 90, 120 }.Select(Fixed));
        Assert.Equal(Money.FromYuan(100m), fixedFee.Accrued(Money.Zero, start, start, start)); // a period of no days is charged whole, as the waterfall does
        var servicer = Fee.OnOutstanding("servicer", 0.01m);
        Assert.Equal(Money.FromYuan(1_000m), servicer.Accrued(Money.FromYuan(1_000_000m), start, start.AddDays(36), start.AddDays(90)));
        Assert.Equal(Money.Zero, servicer.Accrued(Money.FromYuan(1_000_000m), start, start, start.AddDays(90)));
        // The last date is behind it: the period runs to the call day, so a fixed fee is charged whole.
        Assert.Equal(start.AddDays(200), CallDay.Of(Definition, Today.AddDays(180), start.AddDays(200)).PeriodEnds);
    }

    [Fact]
    public void TheResaleWait_RunsBothWays_AndTheHolderLimitCountsEveryoneWhoEverHeld()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid(), z = Guid.NewGuid();
        var monday = new DateOnly(2027, 3, 1);
        PoolHolding[] holdings = [new(x, "A", 50, monday.AddDays(-30)), new(y, "A", 50, monday.AddDays(-30))];
        var trade = new UnitTrade(Guid.NewGuid(), x, null, "A", 10, Money.FromYuan(1_000m), UnitTradeStatus.Offered, monday, monday.AddDays(5), null, null, null);
        var calendar = TradingCalendar.WeekdaysOnly;
        var ever = new SortedSet<Guid> { x, y };
        UnitTradeRules.EnsureMayBuy(Definition, holdings, ever, new Dictionary<string, DateOnly>(), trade, y, monday, calendar);

        // y sold units of A on Monday: it buys them back the next Monday, not before.
        var sales = new Dictionary<string, DateOnly> { [UnitTradeRules.SaleKey(y, "A")] = monday };
        Assert.Equal(DomainErrors.UnitsInHoldingPeriod, Assert.Throws<DomainException>(() => UnitTradeRules.EnsureMayBuy(Definition, holdings, ever, sales, trade, y, monday.AddDays(4), calendar)).Error);
        UnitTradeRules.EnsureMayBuy(Definition, holdings, ever, sales, trade, y, monday.AddDays(7), calendar);

        // A pool limited to two holders has had two: a third may not buy, even units that would leave their seller with none.
        var two = Definition with { MaxHolders = 2 };
        Assert.Equal(DomainErrors.PoolHolderLimitReached, Assert.Throws<DomainException>(() => UnitTradeRules.EnsureMayBuy(two, holdings, ever, sales, trade with { Units = 50 }, z, monday, calendar)).Error);
        // A seller who bought more since its offer is back inside its wait.
        PoolHolding[] rebought = [holdings[0] with { LastBoughtOn = monday }, holdings[1]];
        Assert.Equal(DomainErrors.UnitsInHoldingPeriod, Assert.Throws<DomainException>(() => UnitTradeRules.EnsureMayBuy(Definition, rebought, ever, sales, trade, z, monday.AddDays(2), calendar)).Error);
    }

    [Fact]
    public void Collections_AreTheRoyaltiesCreditedThroughTheDate_NotThePoolsOwnPostingsNorWhatWasReadBefore()
    {
        var pool = Guid.NewGuid();
        var date = Today.AddDays(90);
        StatementLine Line(long sequence, string posting, long fen, DateOnly day, PostingKind kind = PostingKind.Distribution) =>
            new(sequence, posting, kind, Bucket.Available, fen, null, "", new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        StatementLine[] lines =
        [
            Line(5, "transfer:x:settle", 1_000_000, Today, PostingKind.Settle), // a subscription's escrow settled at issue: passed on to the originator
            Line(7, "royalty:q0", 300_000, Today.AddDays(80)),
            Line(9, $"pool:{pool:N}:distribution:x", -250_000, Today.AddDays(85)), // the pool paying out: not a collection
            Line(11, $"pool:{pool:N}:call-payment", 50_000, Today.AddDays(86), PostingKind.Transfer), // the pool's own posting: not a collection
            Line(12, "royalty:q1", 100_000, date),
            Line(15, "royalty:q2", 70_000, date.AddDays(1)), // after the date: the next period's
            Line(16, "royalty:q3", 10_000, date.AddDays(1)),
        ];

        var read = PoolCollections.Count(CollectionsRead.From(null), lines, pool, date);
        Assert.Equal((Money.FromYuan(4_000m), 12L, true), (read.Collected, read.ReadThrough, read.Complete));

        // The next date reads after line 12: the late royalties are its own, counted once.
        var next = PoolCollections.Count(CollectionsRead.From(read.ReadThrough), lines.Where(l => l.Sequence > read.ReadThrough), pool, date.AddDays(90));
        Assert.Equal((Money.FromYuan(800m), 16L, false), (next.Collected, next.ReadThrough, next.Complete));

        // A pool distributed on Today + 80 under the balance rule, never read: what arrived by then was counted already.
        var legacy = PoolCollections.Count(CollectionsRead.From(null), lines, pool, date, countedBefore: Today.AddDays(80));
        Assert.Equal(Money.FromYuan(1_000m), legacy.Collected);
    }

    [Fact]
    public void AStatement_ValuesARunningPoolsHoldingsAtOutstandingPrincipal_AndAClosedOnesFlowsAlone()
    {
        var investor = Guid.NewGuid();
        var pool = new PoolSnapshot(Guid.NewGuid(), Originator, PoolStatus.Active, Definition, [],
            [new PoolTrancheStanding(Definition.Tranches[0], 100, 100, Money.FromYuan(5_000m), Money.Zero, 50m)], Today, PoolState.Normal, false, Money.Zero, Money.Zero,
            1, Today.AddDays(180), 1, 1, Money.FromYuan(10_000m), default, null, false, [PoolAction.Distribute, PoolAction.Trade]);
        var position = new PoolPosition(pool.PoolId, investor, [], [new PoolHolding(investor, "A", 40, Today)]);
        PoolCashFlow[] flows =
        [
            new("issue:A", Today, PoolCashFlowKind.Subscription, -Money.FromYuan(4_000m), "A", 40, "p1"),
            new("distribution:1", Today.AddDays(90), PoolCashFlowKind.Distribution, Money.FromYuan(2_040m), null, 0, "p2"),
        ];

        var running = PoolStatementRules.Build(pool, position, flows, Today.AddDays(90));
        Assert.Equal((Money.FromYuan(4_000m), Money.FromYuan(2_040m), Money.FromYuan(2_000m), true), (running.PaidIn, running.Received, running.HoldingsValue, running.ValuedAtOutstanding));
        Assert.Equal(XirrOutcome.Rate, running.Return.Outcome);
        Assert.InRange(running.Return.Rate!.Value, 0.0411, 0.0413); // 1% over 90 days: 1.01^(365/90) − 1

        var closed = PoolStatementRules.Build(pool with { Status = PoolStatus.Closed }, position, flows, Today.AddDays(90));
        Assert.False(closed.ValuedAtOutstanding);
        Assert.Equal(XirrOutcome.Rate, closed.Return.Outcome); // -4,000 then +2,040: a loss, and a rate that says so
        Assert.True(closed.Return.Rate < 0);
        Assert.Equal(XirrOutcome.NoSignChange, PoolStatementRules.Build(pool with { Status = PoolStatus.Closed }, position, [flows[0]], Today).Return.Outcome);
    }

    [Fact]
    public void OneSeller_TakesAtMostTwentyOfThePoolsOpenOffers_AndThePoolAtMostTwoHundred()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();
        PoolHolding[] holdings = [new(x, "A", 1_000, Today.AddDays(-30)), new(y, "A", 1_000, Today.AddDays(-30))];
        UnitTrade Offer(Guid seller, UnitTradeStatus status = UnitTradeStatus.Offered) =>
            new(Guid.NewGuid(), seller, null, "A", 1, Money.FromYuan(100m), status, Today, Today.AddDays(5), null, null, null);
        void OfferOne(IReadOnlyList<UnitTrade> trades, Guid seller) =>
            UnitTradeRules.EnsureMayOffer(Definition, holdings, trades, [], seller, "A", 1, Money.FromYuan(100m), null, Today.AddDays(5), Today, TradingCalendar.WeekdaysOnly);

        var nineteen = Enumerable.Range(0, PoolRecord.MaxOpenTradesPerSeller - 1).Select(_ => Offer(x)).ToList();
        OfferOne(nineteen, x);
        var twenty = nineteen.Append(Offer(x)).ToList();
        Assert.Equal(DomainErrors.PoolTradingFull, Assert.Throws<DomainException>(() => OfferOne(twenty, x)).Error);
        OfferOne(twenty, y); // another seller still has room
        // Offers that have ended do not count, and one being paid for does.
        OfferOne([.. nineteen, Offer(x, UnitTradeStatus.Settled), Offer(x, UnitTradeStatus.Withdrawn), Offer(x, UnitTradeStatus.Expired)], x);
        Assert.Throws<DomainException>(() => OfferOne([.. nineteen, Offer(x, UnitTradeStatus.Accepting)], x));

        var full = Enumerable.Range(0, PoolRecord.MaxOpenTrades).Select(_ => Offer(Guid.NewGuid())).ToList();
        Assert.Equal(DomainErrors.PoolTradingFull, Assert.Throws<DomainException>(() => UnitTradeRules.EnsureRoom(full, y)).Error);
        UnitTradeRules.EnsureRoom(full.Skip(1).ToList(), y);
    }

    [Fact]
    public void OneInvestor_HasAtMostTwentyOrdersOpen_AndTheBookAtMostFiveHundred()
    {
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();
        PoolHolding[] holdings = [new(x, "A", 1_000, Today.AddDays(-30))];
        var sequence = 0L;
        PoolOrder Order(Guid investor, PoolOrderStatus status = PoolOrderStatus.Resting) =>
            new(Guid.NewGuid(), investor, "A", OrderSide.Sell, 1, 1, Money.FromYuan(100m), ++sequence, Today, status, null);
        void Place(IReadOnlyList<PoolOrder> orders, Guid investor) =>
            PoolOrderRules.EnsureMayPlace(Definition, holdings, [], orders, new HashSet<Guid> { x }, new Dictionary<string, DateOnly>(), investor, "A", OrderSide.Sell, 1,
                Money.FromYuan(100m), Today, TradingCalendar.WeekdaysOnly);

        var nineteen = Enumerable.Range(0, PoolRecord.MaxOpenOrdersPerInvestor - 1).Select(_ => Order(x)).ToList();
        Place(nineteen, x);
        Assert.Equal(DomainErrors.PoolTradingFull, Assert.Throws<DomainException>(() => Place([.. nineteen, Order(x)], x)).Error);
        Place([.. nineteen, Order(x, PoolOrderStatus.Filled), Order(x, PoolOrderStatus.Cancelled), Order(x, PoolOrderStatus.Expired)], x);
        PoolOrderRules.EnsureRoom([.. nineteen, Order(x)], y);

        var full = Enumerable.Range(0, PoolRecord.MaxOpenOrders).Select(_ => Order(Guid.NewGuid())).ToList();
        Assert.Equal(DomainErrors.PoolTradingFull, Assert.Throws<DomainException>(() => PoolOrderRules.EnsureRoom(full, y)).Error);
        PoolOrderRules.EnsureRoom(full.Skip(1).ToList(), y);
    }
}
