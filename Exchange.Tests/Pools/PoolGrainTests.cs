using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Pools;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Pools;

/// <summary>The pool grain on the cluster: structuring, the subscription window with escrow, issue, distributions, redemption.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PoolGrainTests(ClusterFixture fixture)
{
    private Money Available(Guid participant) => fixture.Account(participant).GetBalances().Result.Available;

    private async Task<Money> PoolAccountAsync(IPoolGrain pool) =>
        (await fixture.Grains.GetGrain<IAccountGrain>(AccountId.ForPoolCollection(pool.GetPrimaryKey())).GetBalances()).Available;

    [Fact]
    public async Task AnOversubscribedPool_IsAllottedInWholeLots_PaysTheOriginator_RefundsTheRest_AndDistributesEachDateToTheFen()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = await steps.OpenPoolAsync();
        var x = await fixture.FundedParticipantAsync(2_000_000);
        var y = await fixture.FundedParticipantAsync(2_000_000);
        var originatorBefore = Available(steps.Originator);
        await pool.Subscribe(Guid.NewGuid(), "A", 80, PoolSteps.As(x));
        await pool.Subscribe(Guid.NewGuid(), "A", 40, PoolSteps.As(y));
        await pool.Subscribe(Guid.NewGuid(), "C", 10, steps.AsOriginator);
        Assert.Equal(Money.FromYuan(12_000m), Available(x)); // 8,000 held in escrow
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => pool.CloseSubscription(steps.AsOriginator))).Error);

        steps.AdvanceTo(steps.ClosesOn.AddDays(1));
        var issued = await pool.CloseSubscription(steps.AsOriginator);

        // 12 lots asked for 10: 8 × 10/12 = 6.67 and 4 × 10/12 = 3.33; the spare lot to the larger remainder.
        Assert.Equal(PoolStatus.Active, issued.Status);
        Assert.Equal([70L, 30L], new[] { x, y }.Select(i => pool.GetPosition(i).Result.Holdings.Single().Units));
        Assert.Equal(Money.FromYuan(13_000m), Available(x)); // 7,000 kept, 1,000 refunded
        Assert.Equal(Money.FromYuan(17_000m), Available(y));
        Assert.Equal(Money.FromYuan(11_000m), issued.PurchasePrice);
        Assert.Equal(originatorBefore + Money.FromYuan(10_000m), Available(steps.Originator)); // 11,000 in, its own 1,000 for C out
        Assert.Equal(Money.Zero, await PoolAccountAsync(pool));
        var licence = await steps.Licence.TryGet();
        Assert.Equal((pool.GetPrimaryKey(), RoyaltyAssignmentReason.Pool), (licence!.RoyaltiesPooledIn!.Value, licence.RoyaltyAssignment!.Reason));

        // The first quarter's royalty reaches the pool, and the first date pays the fee and holders exactly what the waterfall paid.
        steps.AdvanceTo(steps.Start.AddDays(95));
        await steps.PayQuarterAsync(0);
        Assert.Equal(Money.FromYuan(3_000m), await PoolAccountAsync(pool));
        var xBefore = Available(x);
        var yBefore = Available(y);
        var trusteeBefore = Available(steps.Trustee);
        steps.AdvanceTo(steps.Start.AddDays(100));
        var paid = await pool.Distribute(steps.AsOriginator);
        var period = Assert.Single(await pool.GetPeriods());

        Assert.Equal(1, paid.DistributionsMade);
        Assert.Equal(Money.FromYuan(3_000m), period.Collections);
        Assert.Equal(period.CashCarriedIn + period.Collections + period.ReserveDraw, period.PaidOut + period.ReserveTopUp + period.RetainedCash);
        var toA = period.Tranches.Single(t => t.TrancheId == "A");
        Assert.Equal(Money.FromYuan(2_500m), toA.PrincipalPaid); // a quarter of A's 10,000
        var xGot = Available(x) - xBefore;
        var yGot = Available(y) - yBefore;
        Assert.Equal(toA.InterestPaid + toA.PrincipalPaid, xGot + yGot);
        Assert.True(Math.Abs(xGot.Fen * 30 - yGot.Fen * 70) <= 100, $"{xGot} and {yGot} are not 70:30");
        Assert.Equal(Money.FromYuan(100m), Available(steps.Trustee) - trusteeBefore);
        Assert.Equal(paid.Reserve + paid.RetainedCash, await PoolAccountAsync(pool));
        Assert.Equal(Money.FromYuan(7_500m), paid.Tranches.Single(t => t.Definition.Id == "A").Outstanding);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);

        // Each holder's statement has the flows its postings made: the units' price at issue, then the date's payment.
        var flows = await fixture.Grains.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(pool.GetPrimaryKey(), x)).GetFlows();
        Assert.Equal([(PoolCashFlowKind.Subscription, -Money.FromYuan(7_000m)), (PoolCashFlowKind.Distribution, xGot)], flows.Select(f => (f.Kind, f.Amount)));

        // A repeat the same day distributes nothing more.
        Assert.Equal(1, (await pool.Distribute(Actor.System)).DistributionsMade);
    }

    [Fact]
    public async Task AQuarterWithoutRoyalties_BreachesTheCoverageTrigger_AndAcceleratesThePool_AndTheLastDateRedeemsAndClosesIt()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, investors) = await steps.IssuedAsync(null, 100);
        var x = investors[0];

        steps.AdvanceTo(steps.Start.AddDays(100)); // the licensee has not paid the first quarter
        var breached = await pool.Distribute(Actor.System);
        Assert.Equal(PoolStatus.Accelerated, breached.Status);
        Assert.Contains((await pool.GetPeriods())[0].Triggers, t => t.TriggerId == "coverage" && t.Breached);

        // It pays late, and more: the next period cures the curable trigger; the last date redeems and closes the pool.
        steps.AdvanceTo(steps.Start.AddDays(120));
        await steps.PayQuarterAsync(0);
        steps.AdvanceTo(steps.Start.AddDays(190));
        await steps.PayQuarterAsync(1);
        Assert.Equal(PoolStatus.Active, (await pool.Distribute(Actor.System)).Status);
        steps.AdvanceTo(steps.Start.AddDays(280));
        await steps.PayQuarterAsync(2);
        steps.AdvanceTo(steps.Start.AddDays(370));
        var redeemed = await pool.Distribute(Actor.System);
        Assert.Equal((PoolStatus.Redeemed, 4), (redeemed.Status, redeemed.DistributionsMade));

        // The last quarter's royalty, paid after the date, is still the pool's; after the tail the pool winds up and pays it out.
        steps.AdvanceTo(steps.Start.AddDays(380));
        await steps.PayQuarterAsync(3);
        Assert.Equal(Money.FromYuan(3_000m) + redeemed.Reserve + redeemed.RetainedCash, await PoolAccountAsync(pool));
        Assert.Equal(PoolStatus.Redeemed, (await pool.Distribute(Actor.System)).Status);
        steps.AdvanceTo(steps.Start.AddDays(370 + 100));
        var closed = await pool.Distribute(Actor.System);

        Assert.Equal(PoolStatus.Closed, closed.Status);
        Assert.Equal(Money.Zero, await PoolAccountAsync(pool));
        var licence = await steps.Licence.TryGet();
        Assert.Null(licence!.RoyaltyAssignment);
        Assert.Null(licence.RoyaltiesPooledIn);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task DatesMissedAndCaughtUpTogether_EachCollectOnlyTheRoyaltiesThatArrivedByThem()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, investors) = await steps.IssuedAsync(null, 100);
        var x = investors[0];

        // Nobody ran the first two dates: the first quarter's royalty arrived before the first, the second's after the second.
        steps.AdvanceTo(steps.Start.AddDays(95));
        await steps.PayQuarterAsync(0);
        steps.AdvanceTo(steps.Start.AddDays(195));
        await steps.PayQuarterAsync(1);
        steps.AdvanceTo(steps.Start.AddDays(200));
        var caughtUp = await pool.Distribute(Actor.System);

        var periods = await pool.GetPeriods();
        Assert.Equal(2, caughtUp.DistributionsMade);
        Assert.Equal([Money.FromYuan(3_000m), Money.Zero], periods.Select(p => p.Collections));
        Assert.Equal(caughtUp.Reserve + caughtUp.RetainedCash + Money.FromYuan(3_000m), await PoolAccountAsync(pool));

        // The late royalty is the third date's, with the third quarter's, and counted once.
        steps.AdvanceTo(steps.Start.AddDays(275));
        await steps.PayQuarterAsync(2);
        steps.AdvanceTo(steps.Start.AddDays(280));
        await pool.Distribute(Actor.System);
        Assert.Equal(Money.FromYuan(6_000m), (await pool.GetPeriods())[2].Collections);
    }

    [Fact]
    public async Task TheCleanUpCall_OnceReached_PaysOffTheInvestorsFromTheOriginator_AndClosesThePool()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, investors) = await steps.IssuedAsync(steps.Definition(cleanUpCallPercent: 30m), 100);
        var x = investors[0];
        for (var q = 0; q < 2; q++)
        {
            steps.AdvanceTo(steps.Start.AddDays(95 + 90 * q));
            await steps.PayQuarterAsync(q);
            steps.AdvanceTo(steps.Start.AddDays(100 + 90 * q));
            await pool.Distribute(Actor.System);
        }
        // Half of A is repaid: 50% is not below the 30% call share.
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => pool.Call(Guid.NewGuid(), steps.AsOriginator))).Error);
        steps.AdvanceTo(steps.Start.AddDays(275));
        await steps.PayQuarterAsync(2);
        steps.AdvanceTo(steps.Start.AddDays(280));
        var third = await pool.Distribute(Actor.System);
        Assert.True(third.CleanUpCallReached);
        // Called ten days after the date: the coupon accrued since is owed too.
        steps.AdvanceTo(steps.Start.AddDays(290));
        var a = third.Tranches.Single(t => t.Definition.Id == "A");
        var owedToX = a.Outstanding + a.UnpaidInterest + DayCount.Interest(a.Outstanding, 0.04m, steps.Start.AddDays(280), steps.Start.AddDays(290));
        Assert.True(DayCount.Interest(a.Outstanding, 0.04m, steps.Start.AddDays(280), steps.Start.AddDays(290)).Fen > 0);
        var xBefore = Available(x);
        var trusteeBefore = Available(steps.Trustee);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.Call(Guid.NewGuid(), PoolSteps.As(x)))).Error);

        var callId = Guid.NewGuid();
        var called = await pool.Call(callId, steps.AsOriginator);
        await pool.Call(callId, steps.AsOriginator);

        Assert.Equal(PoolStatus.Closed, called.Status);
        Assert.Equal(xBefore + owedToX, Available(x));
        Assert.Equal(trusteeBefore + Money.FromYuan(11.11m), Available(steps.Trustee)); // 10 of the period's 90 days of its CNY 100
        Assert.Equal(Money.Zero, await PoolAccountAsync(pool));
        Assert.Null((await steps.Licence.TryGet())!.RoyaltyAssignment);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task AnUndersubscribedPool_IsCancelled_EverySubscriberRefundedInFull_AndItsReceivablesFreed()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = await steps.OpenPoolAsync();
        var x = await fixture.FundedParticipantAsync(2_000_000);
        await pool.Subscribe(Guid.NewGuid(), "A", 40, PoolSteps.As(x)); // 40 of the 50 it needs
        steps.AdvanceTo(steps.ClosesOn.AddDays(1));

        var cancelled = await pool.CloseSubscription(steps.AsOriginator);

        Assert.Equal(PoolStatus.Cancelled, cancelled.Status);
        Assert.Contains("below the 50", cancelled.EndReason);
        Assert.Equal(Money.FromYuan(20_000m), Available(x));
        Assert.Null((await steps.Licence.TryGet())!.RoyaltiesPooledIn);
        Assert.Equal(Money.Zero, await PoolAccountAsync(pool));
    }

    [Fact]
    public async Task ReceivablesThatAreNotEligible_AreEachRefusedWithTheirOwnType()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = fixture.Grains.GetGrain<IPoolGrain>(Guid.NewGuid());
        await pool.Structure(steps.Definition(), steps.AsOriginator);
        async Task<DomainError> Refused(Guid licence) => (await Assert.ThrowsAsync<DomainException>(() => pool.AssignReceivable(licence, steps.AsOriginator))).Error;

        var someoneElses = await steps.LicenceAsync(await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner), 24);
        Assert.Equal(DomainErrors.ReceivableNotOriginators, await Refused(someoneElses.GetPrimaryKey()));
        var tooShort = await steps.LicenceAsync(steps.Originator, 6);
        Assert.Equal(DomainErrors.ReceivableTermTooShort, await Refused(tooShort.GetPrimaryKey()));
        var pledged = await steps.LicenceAsync(steps.Originator, 24);
        Assert.True(await fixture.Grains.GetGrain<ILicenseRights>(pledged.GetPrimaryKey()).PledgeRoyalties(Guid.NewGuid(), held: true));
        Assert.Equal(DomainErrors.ReceivablePledged, await Refused(pledged.GetPrimaryKey()));
        Assert.Equal(DomainErrors.LicenseNotFound, await Refused(Guid.NewGuid()));

        await pool.AssignReceivable(steps.Licence.GetPrimaryKey(), steps.AsOriginator);
        var other = fixture.Grains.GetGrain<IPoolGrain>(Guid.NewGuid());
        await other.Structure(steps.Definition(), steps.AsOriginator);
        Assert.Equal(DomainErrors.ReceivableInAnotherPool, (await Assert.ThrowsAsync<DomainException>(() => other.AssignReceivable(steps.Licence.GetPrimaryKey(), steps.AsOriginator))).Error);
        // Nor can a pledge take a receivable a pool holds.
        Assert.False(await fixture.Grains.GetGrain<ILicenseRights>(steps.Licence.GetPrimaryKey()).PledgeRoyalties(Guid.NewGuid(), held: true));

        var terminated = await steps.LicenceAsync(steps.Originator, 24);
        await terminated.Terminate(new Actor(steps.Originator, "Owner"));
        Assert.Equal(DomainErrors.ReceivableLicenseNotActive, await Refused(terminated.GetPrimaryKey()));
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.AssignReceivable(steps.Licence.GetPrimaryKey(), PoolSteps.As(steps.Licensee)))).Error);
    }

    [Fact]
    public async Task SubscriptionsOutsideTheRules_AreRefused_AndLeaveNothingHeld()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = await steps.OpenPoolAsync(steps.Definition(maxHolders: 2));
        var x = await fixture.FundedParticipantAsync(2_000_000);
        var poor = await fixture.FundedParticipantAsync(100);
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        async Task<DomainError> Refused(Guid investor, long units, string tranche = "A") =>
            (await Assert.ThrowsAsync<DomainException>(() => pool.Subscribe(Guid.NewGuid(), tranche, units, PoolSteps.As(investor)))).Error;

        Assert.Equal(DomainErrors.InvalidSubscription, await Refused(x, 15)); // not whole lots of 10
        Assert.Equal(DomainErrors.InvalidSubscription, await Refused(x, 110)); // more than offered
        Assert.Equal(DomainErrors.InvalidSubscription, await Refused(x, 10, "B"));
        Assert.Equal(DomainErrors.InvestorNotQualified, await Refused(owner, 10));
        Assert.Equal(DomainErrors.InsufficientFunds, await Refused(poor, 10));
        Assert.Empty((await pool.GetPosition(poor)).Subscriptions);

        await pool.Subscribe(Guid.NewGuid(), "A", 10, PoolSteps.As(x));
        await pool.Subscribe(Guid.NewGuid(), "C", 10, steps.AsOriginator);
        Assert.Equal(DomainErrors.PoolHolderLimitReached, await Refused(await fixture.FundedParticipantAsync(2_000_000), 10));
        await pool.Subscribe(Guid.NewGuid(), "A", 20, PoolSteps.As(x)); // an existing subscriber may subscribe again

        steps.AdvanceTo(steps.ClosesOn.AddDays(1));
        Assert.Equal(DomainErrors.InvalidTransition, await Refused(x, 10));
    }

    [Fact]
    public async Task ManyCopiesOfOneSubscription_AtOnce_HoldItsMoneyOnce()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = await steps.OpenPoolAsync();
        var x = await fixture.FundedParticipantAsync(2_000_000);
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => pool.Subscribe(id, "A", 50, PoolSteps.As(x))));

        Assert.Single((await pool.GetPosition(x)).Subscriptions);
        Assert.Equal(Money.FromYuan(15_000m), Available(x));
        Assert.Equal(DomainErrors.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() => pool.Subscribe(id, "A", 60, PoolSteps.As(x)))).Error);
    }

    [Fact]
    public async Task OnlyAnAgencyStructures_AndARepeatWithOtherTermsIsRefused()
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var pool = fixture.Grains.GetGrain<IPoolGrain>(Guid.NewGuid());
        var investor = await fixture.NewParticipantAsync();
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.Structure(steps.Definition(), PoolSteps.As(investor)))).Error);
        await pool.Structure(steps.Definition(), steps.AsOriginator);
        await pool.Structure(steps.Definition(), steps.AsOriginator);
        Assert.Equal(DomainErrors.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() => pool.Structure(steps.Definition(seniorUnits: 200), steps.AsOriginator))).Error);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => pool.OpenSubscription(steps.AsOriginator))).Error); // no receivable yet
    }
}

/// <summary>Negotiated unit trades settled delivery-versus-payment, the resale wait in trading days, and the holder limit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PoolTradeTests(ClusterFixture fixture)
{
    private Money Available(Guid participant) => fixture.Account(participant).GetBalances().Result.Available;

    private async Task<(PoolSteps Steps, IPoolGrain Pool, Guid X, Guid Y)> IssuedAsync(int maxHolders = 200)
    {
        var steps = await new PoolSteps(fixture).ReadyAsync();
        var (pool, investors) = await steps.IssuedAsync(steps.Definition(maxHolders: maxHolders), 60, 40);
        var (x, y) = (investors[0], investors[1]);
        return (steps, pool, x, y);
    }

    [Fact]
    public async Task AnAcceptedTrade_DeliversTheUnitsAgainstThePrice_Together_AndOnce()
    {
        var (steps, pool, x, y) = await IssuedAsync();
        var z = await fixture.FundedParticipantAsync(1_000_000);
        var today = fixture.Today;
        var tradeId = Guid.NewGuid();
        // Bought at issue: resold no sooner than five trading days later.
        Assert.Equal(DomainErrors.UnitsInHoldingPeriod, (await Assert.ThrowsAsync<DomainException>(() =>
            pool.OfferUnits(tradeId, "A", 20, Money.FromYuan(2_100m), null, today.AddDays(10), PoolSteps.As(x)))).Error);
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(today, 5));
        var offered = await pool.OfferUnits(tradeId, "A", 20, Money.FromYuan(2_100m), null, fixture.Today.AddDays(10), PoolSteps.As(x));
        Assert.Equal(UnitTradeStatus.Offered, offered.Status);
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() =>
            pool.OfferUnits(Guid.NewGuid(), "A", 41, Money.FromYuan(1m), null, fixture.Today.AddDays(10), PoolSteps.As(x)))).Error); // 20 of 60 offered already
        var xBefore = Available(x);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => pool.AcceptTrade(tradeId, PoolSteps.As(z))));

        Assert.Equal(UnitTradeStatus.Settled, (await pool.GetTrades()).Single(t => t.TradeId == tradeId).Status);
        Assert.Equal(40, (await pool.GetPosition(x)).Holdings.Single().Units);
        Assert.Equal(20, (await pool.GetPosition(z)).Holdings.Single().Units);
        Assert.Equal(xBefore + Money.FromYuan(2_100m), Available(x));
        Assert.Equal(Money.FromYuan(10_000m - 2_100m), Available(z));
        var flows = await fixture.Grains.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(pool.GetPrimaryKey(), z)).GetFlows();
        Assert.Equal((PoolCashFlowKind.Purchase, -Money.FromYuan(2_100m)), (flows.Single().Kind, flows.Single().Amount));
        // The buyer just bought: it waits its five trading days too.
        Assert.Equal(DomainErrors.UnitsInHoldingPeriod, (await Assert.ThrowsAsync<DomainException>(() =>
            pool.OfferUnits(Guid.NewGuid(), "A", 10, Money.FromYuan(1_000m), null, fixture.Today.AddDays(10), PoolSteps.As(z)))).Error);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => pool.WithdrawTrade(tradeId, PoolSteps.As(x)))).Error);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task ABuyerWhoCannotPay_LeavesTheOfferOpen_AndTheUnitsWhereTheyWere()
    {
        var (steps, pool, x, _) = await IssuedAsync();
        var poor = await fixture.FundedParticipantAsync(100);
        var named = await fixture.FundedParticipantAsync(1_000_000);
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(fixture.Today, 5));
        var open = await pool.OfferUnits(Guid.NewGuid(), "A", 10, Money.FromYuan(1_000m), null, fixture.Today.AddDays(5), PoolSteps.As(x));
        var toNamed = await pool.OfferUnits(Guid.NewGuid(), "A", 10, Money.FromYuan(1_000m), named, fixture.Today.AddDays(5), PoolSteps.As(x));

        Assert.Equal(DomainErrors.InsufficientFunds, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(open.TradeId, PoolSteps.As(poor)))).Error);
        Assert.Equal(UnitTradeStatus.Offered, (await pool.GetTrades()).Single(t => t.TradeId == open.TradeId).Status);
        Assert.Equal(60, (await pool.GetPosition(x)).Holdings.Single().Units);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(toNamed.TradeId, PoolSteps.As(poor)))).Error);
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        Assert.Equal(DomainErrors.InvestorNotQualified, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(open.TradeId, PoolSteps.As(owner)))).Error);
        Assert.Equal(UnitTradeStatus.Withdrawn, (await pool.WithdrawTrade(open.TradeId, PoolSteps.As(x))).Status);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => pool.WithdrawTrade(toNamed.TradeId, PoolSteps.As(named)))).Error);
    }

    [Fact]
    public async Task ANewHolder_MayNotBuy_OnceThePoolHasHadAsManyHoldersAsItMay_EvenWhenItsSellerLeaves()
    {
        var (steps, pool, x, y) = await IssuedAsync(maxHolders: 2);
        var z = await fixture.FundedParticipantAsync(1_000_000);
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(fixture.Today, 5));
        var part = await pool.OfferUnits(Guid.NewGuid(), "A", 10, Money.FromYuan(1_000m), null, fixture.Today.AddDays(5), PoolSteps.As(x));
        Assert.Equal(DomainErrors.PoolHolderLimitReached, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(part.TradeId, PoolSteps.As(z)))).Error);

        // 国发〔2011〕38号 counts holders cumulatively: a seller leaving the register does not make room.
        var all = await pool.OfferUnits(Guid.NewGuid(), "A", 40, Money.FromYuan(4_000m), null, fixture.Today.AddDays(5), PoolSteps.As(y));
        Assert.Equal(DomainErrors.PoolHolderLimitReached, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(all.TradeId, PoolSteps.As(z)))).Error);
        Assert.Equal(UnitTradeStatus.Settled, (await pool.AcceptTrade(all.TradeId, PoolSteps.As(x))).Status); // one who held them may
        Assert.Equal(100, (await pool.GetPosition(x)).Holdings.Single().Units);
        Assert.Empty((await pool.GetPosition(y)).Holdings);

    }

    [Fact]
    public async Task TheOrderBook_IsSwitchedOffByDefault_AndAnOrderIsRefused_MovingNothing()
    {
        var (steps, pool, x, _) = await IssuedAsync();
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(fixture.Today, 5));
        var before = Available(x);
        var refused = await Assert.ThrowsAsync<DomainException>(() => pool.PlaceOrder(Guid.NewGuid(), "A", OrderSide.Buy, 10, Money.FromYuan(100m), PoolSteps.As(x)));
        Assert.Equal(DomainErrors.OrderBookDisabled, refused.Error);
        Assert.Equal(before, Available(x));
        Assert.Empty(await pool.GetOrders());
    }

    [Fact]
    public async Task AnOfferNotAcceptedByItsExpiry_ExpiresOnThePoolsDailyCheck()
    {
        var (steps, pool, x, _) = await IssuedAsync();
        steps.AdvanceTo(TradingCalendar.WeekdaysOnly.FirstResaleDay(fixture.Today, 5));
        var offer = await pool.OfferUnits(Guid.NewGuid(), "A", 10, Money.FromYuan(1_000m), null, fixture.Today.AddDays(3), PoolSteps.As(x));
        steps.AdvanceTo(fixture.Today.AddDays(4));
        await pool.AsReference<IRemindable>().ReceiveReminder("pool-dates", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));
        Assert.Equal(UnitTradeStatus.Expired, (await pool.GetTrades()).Single(t => t.TradeId == offer.TradeId).Status);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => pool.AcceptTrade(offer.TradeId, PoolSteps.As(x)))).Error);
    }
}
