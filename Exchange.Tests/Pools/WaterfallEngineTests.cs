using Exchange.Grains.Common;
using Exchange.Grains.Pools;
using static Exchange.Tests.Pools.SamplePool;

namespace Exchange.Tests.Pools;

/// <summary>Periods of <see cref="SamplePool"/> worked by hand; the figures are in yuan, the quarters 90 days (¼ of 360).</summary>
public sealed class WaterfallEngineTests
{
    private static readonly Trigger CurableCoverage = Trigger.Coverage("coverage", 1.2m, curable: true);

    [Fact]
    public void Period_CollectionsCoverEverything_PaysFeesInterestScheduledPrincipalAndTheRestAsResidual()
    {
        var terms = Terms(CurableCoverage);

        var report = WaterfallEngine.Run(terms, FundedReserve(terms), FirstQuarter, Yuan(100_000m));

        // 100,000 − trustee 1,000 − servicer 1,625 − A's interest 10,000 − A's scheduled 50,000 − B's interest 3,000
        // = 34,375 for the residual; the reserve is already at its 20,000 target, so the top-up takes nothing.
        Assert.Equal(PoolState.Normal, report.WaterfallRun);
        Assert.Equal([1_000m, 1_625m, 10_000m, 0m, 50_000m, 3_000m, 0m, 0m, 0m, 34_375m], report.Steps.Select(s => s.Paid.Yuan));
        Assert.Equal(Yuan(10_000m), report.Tranche("A").InterestPaid);
        Assert.Equal(Yuan(950_000m), report.Tranche("A").OutstandingAfter);
        Assert.Equal(Yuan(200_000m), report.Tranche("B").OutstandingAfter);
        Assert.Equal(Yuan(34_375m), report.Tranche("C").ResidualPaid);
        Assert.Equal(Yuan(20_000m), report.ReserveBalance);
        Assert.Equal(Money.Zero, report.ReserveDraw);
        Assert.Equal(Money.Zero, report.RetainedCash);
        Assert.Equal(Yuan(100_000m), report.PaidOut);
        // Coverage: 100,000 against 1.2 × 10,000 = 12,000.
        Assert.False(Assert.Single(report.Triggers).Breached);
        Assert.Equal(Yuan(12_000m), report.Triggers[0].Threshold);
        Assert.Equal(PoolState.Normal, report.NextState);
        Assert.False(report.CleanUpCallReached);
        AssertCashConserved(report);
    }

    [Fact]
    public void Period_CollectionsBelowSeniorInterest_CarriesUnpaidInterestForward()
    {
        var terms = Terms();
        var empty = PoolBalances.AtIssue(terms);

        // 8,000 − fees 2,625 leaves 5,375 of A's 10,000; the empty reserve covers nothing: 4,625 stays owed, and all
        // of B's 3,000. The reserve's top-up is due its whole 20,000 and gets nothing.
        var first = WaterfallEngine.Run(terms, empty, FirstQuarter, Yuan(8_000m));

        Assert.Equal(Yuan(10_000m), first.Tranche("A").InterestDue);
        Assert.Equal(Yuan(5_375m), first.Tranche("A").InterestPaid);
        Assert.Equal(Yuan(4_625m), first.Tranche("A").UnpaidInterestAfter);
        Assert.Equal(Yuan(3_000m), first.Tranche("B").UnpaidInterestAfter);
        Assert.Equal(Yuan(1_000_000m), first.Tranche("A").OutstandingAfter);
        Assert.Equal(Money.Zero, first.ReserveDraw);
        Assert.Equal((Yuan(20_000m), Money.Zero), (first.Steps[7].Due, first.Steps[7].Paid));
        AssertCashConserved(first);

        // Next quarter A is due 10,000 + 4,625 = 14,625 and B 3,000 + 3,000 = 6,000, without interest on the arrears.
        // 100,000 − 2,625 − 14,625 − 50,000 − 6,000 − the reserve's 20,000 = 6,750 of residual.
        var second = WaterfallEngine.Run(terms, first.BalancesAfter, SecondQuarter, Yuan(100_000m));

        Assert.Equal(Yuan(14_625m), second.Tranche("A").InterestDue);
        Assert.Equal(Yuan(14_625m), second.Tranche("A").InterestPaid);
        Assert.Equal(Yuan(6_000m), second.Tranche("B").InterestPaid);
        Assert.Equal(Money.Zero, second.Tranche("A").UnpaidInterestAfter);
        Assert.Equal(Yuan(20_000m), second.ReserveTopUp);
        Assert.Equal(Yuan(6_750m), second.Tranche("C").ResidualPaid);
        AssertCashConserved(second);
    }

    [Fact]
    public void Period_FeeLeftUnpaid_IsDueAgainNextPeriodAheadOfInterest()
    {
        var terms = Terms();

        var first = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), FirstQuarter, Yuan(500m));
        var second = WaterfallEngine.Run(terms, first.BalancesAfter, SecondQuarter, Yuan(3_000m));

        // The trustee gets 500 of its 1,000; next quarter it is due 1,000 + 500 = 1,500, the servicer 1,625 + 1,625.
        Assert.Equal(Yuan(500m), first.PaidToFee("trustee"));
        Assert.Equal(Yuan(500m), first.BalancesAfter.Fees.Single(f => f.FeeId == "trustee").Unpaid);
        Assert.Equal(Yuan(1_500m), second.Steps[0].Due);
        Assert.Equal(Yuan(1_500m), second.PaidToFee("trustee"));
        Assert.Equal((Yuan(3_250m), Yuan(1_500m)), (second.Steps[1].Due, second.Steps[1].Paid));
        Assert.Equal(Money.Zero, second.Tranche("A").InterestPaid);
    }

    [Fact]
    public void Period_SeniorInterestShortfall_IsDrawnFromTheReserve_AndTheReserveIsNotToppedUpFromNothing()
    {
        var terms = Terms(Trigger.MissedSeniorInterest("missed", curable: false));

        // 8,000 − fees 2,625 pays 5,375 of A's 10,000; the reserve pays the other 4,625 and keeps 15,375.
        var report = WaterfallEngine.Run(terms, FundedReserve(terms), FirstQuarter, Yuan(8_000m));

        Assert.Equal((Yuan(10_000m), Yuan(5_375m)), (report.Steps[2].Due, report.Steps[2].Paid));
        var draw = report.Steps[3];
        Assert.IsType<DrawReserveForShortfall>(draw.Step);
        Assert.Equal(new StepPayment(PaymentKind.Interest, "A", Yuan(4_625m), Yuan(4_625m)), Assert.Single(draw.Payments));
        Assert.Equal(Yuan(4_625m), report.ReserveDraw);
        Assert.Equal(Yuan(15_375m), report.ReserveBalance);
        Assert.Equal(Yuan(10_000m), report.Tranche("A").InterestPaid);
        Assert.Equal((Yuan(4_625m), Money.Zero), (report.Steps[7].Due, report.Steps[7].Paid));
        Assert.Equal(Yuan(12_625m), report.PaidOut);
        // The reserve made A whole, so its interest was not missed.
        Assert.False(report.Triggers.Single().Breached);
        Assert.Equal(PoolState.Normal, report.NextState);
        AssertCashConserved(report);
    }

    [Fact]
    public void Period_ReserveSmallerThanTheShortfall_PaysTheCoveredStepsInTheirOrder()
    {
        var terms = Terms();
        var balances = PoolBalances.AtIssue(terms, Yuan(5_000m));

        // Nothing collected: the 5,000 reserve pays the trustee's 1,000, the servicer's 1,625, then 2,375 of A's 10,000.
        var report = WaterfallEngine.Run(terms, balances, FirstQuarter, Money.Zero);

        Assert.Equal(
            [new StepPayment(PaymentKind.Fee, "trustee", Yuan(1_000m), Yuan(1_000m)),
             new StepPayment(PaymentKind.Fee, "servicer", Yuan(1_625m), Yuan(1_625m)),
             new StepPayment(PaymentKind.Interest, "A", Yuan(10_000m), Yuan(2_375m))],
            report.Steps[3].Payments);
        Assert.Equal(Yuan(5_000m), report.ReserveDraw);
        Assert.Equal(Money.Zero, report.ReserveBalance);
        Assert.Equal(Yuan(7_625m), report.Tranche("A").UnpaidInterestAfter);
        AssertCashConserved(report);
    }

    [Fact]
    public void CurableCoverageTrigger_BreachedThenCured_AcceleratesOnePeriodThenReturnsToNormal()
    {
        var terms = Terms(CurableCoverage);

        // Q1: 10,000 is below 1.2 × 10,000. The fees take 2,625, A 7,375, the reserve the other 2,625 of A's interest.
        var q1 = WaterfallEngine.Run(terms, FundedReserve(terms), FirstQuarter, Yuan(10_000m));
        Assert.Equal(PoolState.Normal, q1.WaterfallRun);
        Assert.True(q1.Triggers.Single().Breached);
        Assert.Equal(Yuan(10_000m), q1.Triggers[0].Measured);
        Assert.Equal(PoolState.Accelerated, q1.NextState);
        Assert.Equal(Yuan(17_375m), q1.ReserveBalance);

        // Q2 runs the accelerated waterfall; 100,000 covers 12,000 again, so the pool is back to normal after it.
        var q2 = WaterfallEngine.Run(terms, q1.BalancesAfter, SecondQuarter, Yuan(100_000m));
        Assert.Equal(PoolState.Accelerated, q2.WaterfallRun);
        Assert.False(q2.Triggers.Single().Breached);
        Assert.Equal(PoolState.Normal, q2.NextState);
        Assert.False(q2.BalancesAfter.AcceleratedForGood);

        var q3 = WaterfallEngine.Run(terms, q2.BalancesAfter, ThirdQuarter, Yuan(100_000m));
        Assert.Equal(PoolState.Normal, q3.WaterfallRun);
    }

    [Fact]
    public void AcceleratedPeriod_SendsAllCashToSeniorPrincipal_AndNothingToMezzanineOrSubordinated()
    {
        var terms = Terms(CurableCoverage);
        var q1 = WaterfallEngine.Run(terms, FundedReserve(terms), FirstQuarter, Yuan(10_000m));

        // 100,000 − fees 2,625 − A's interest 10,000 = 87,375, all of it to A's principal (not just the 50,000 scheduled);
        // B is due 3,000 + the 3,000 Q1 left unpaid and gets nothing; C gets nothing.
        var q2 = WaterfallEngine.Run(terms, q1.BalancesAfter, SecondQuarter, Yuan(100_000m));

        Assert.Equal(Yuan(87_375m), q2.Tranche("A").PrincipalPaid);
        Assert.Equal(Yuan(912_625m), q2.Tranche("A").OutstandingAfter);
        Assert.Equal(Yuan(6_000m), q2.Tranche("B").InterestDue);
        Assert.Equal(Money.Zero, q2.Tranche("B").TotalPaid);
        Assert.Equal(Money.Zero, q2.Tranche("C").TotalPaid);
        Assert.Equal(Yuan(17_375m), q2.ReserveBalance);
        AssertCashConserved(q2);
    }

    [Fact]
    public void AcceleratedPeriod_OnceSeniorIsRepaid_TurnsTheRestToMezzanine()
    {
        var terms = Terms();
        var balances = new PoolBalances(PoolState.Accelerated, false,
            [new TrancheBalance("A", Yuan(50_000m), Money.Zero), new TrancheBalance("B", Yuan(200_000m), Money.Zero), new TrancheBalance("C", Yuan(100_000m), Money.Zero)],
            [new FeeBalance("trustee", Money.Zero), new FeeBalance("servicer", Money.Zero)], Money.Zero, Money.Zero);

        // Servicer 350,000 × 0.5% × ¼ = 437.50; A's interest 50,000 × 4% × ¼ = 500; A repaid 50,000; B's interest 3,000;
        // B's principal 100,000 − 1,000 − 437.50 − 500 − 50,000 − 3,000 = 45,062.50.
        var report = WaterfallEngine.Run(terms, balances, FirstQuarter, Yuan(100_000m));

        Assert.Equal(Yuan(437.50m), report.PaidToFee("servicer"));
        Assert.Equal(Money.Zero, report.Tranche("A").OutstandingAfter);
        Assert.Equal(Yuan(45_062.50m), report.Tranche("B").PrincipalPaid);
        Assert.Equal(Money.Zero, report.Tranche("C").TotalPaid);
    }

    [Fact]
    public void NonCurableTrigger_OnceBreached_KeepsThePoolAcceleratedForGood()
    {
        var terms = Terms(Trigger.Coverage("coverage", 1.2m, curable: false));

        var q1 = WaterfallEngine.Run(terms, FundedReserve(terms), FirstQuarter, Yuan(10_000m));
        var q2 = WaterfallEngine.Run(terms, q1.BalancesAfter, SecondQuarter, Yuan(100_000m));
        var q3 = WaterfallEngine.Run(terms, q2.BalancesAfter, ThirdQuarter, Yuan(100_000m));

        Assert.Equal(PoolState.Accelerated, q1.NextState);
        Assert.True(q1.BalancesAfter.AcceleratedForGood);
        Assert.False(q2.Triggers.Single().Breached);
        Assert.Equal(PoolState.Accelerated, q2.NextState);
        Assert.Equal(PoolState.Accelerated, q3.WaterfallRun);
    }

    [Fact]
    public void MissedSeniorInterestTrigger_SeniorInterestNotPaidInFull_Breaches()
    {
        var terms = Terms(Trigger.MissedSeniorInterest("missed", curable: true));

        var report = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), FirstQuarter, Yuan(8_000m));

        var missed = report.Triggers.Single();
        Assert.True(missed.Breached);
        Assert.Equal((Yuan(5_375m), Yuan(10_000m)), (missed.Measured, missed.Threshold));
        Assert.Equal(PoolState.Accelerated, report.NextState);
    }

    [Fact]
    public void CleanUpCall_FlaggedOnlyOnceOutstandingPrincipalFallsBelowTheShare()
    {
        var terms = Terms();
        var balances = new PoolBalances(PoolState.Normal, false,
            [new TrancheBalance("A", Yuan(180_000m), Money.Zero), new TrancheBalance("B", Money.Zero, Money.Zero), new TrancheBalance("C", Money.Zero, Money.Zero)],
            [new FeeBalance("trustee", Money.Zero), new FeeBalance("servicer", Money.Zero)], Yuan(20_000m), Money.Zero);

        // 180,000 − 50,000 = 130,000: exactly 10% of the original 1,300,000 is not below it. The next 50,000 leaves 80,000.
        var atShare = WaterfallEngine.Run(terms, balances, FirstQuarter, Yuan(100_000m));
        var below = WaterfallEngine.Run(terms, atShare.BalancesAfter, SecondQuarter, Yuan(100_000m));

        Assert.Equal(Yuan(130_000m), atShare.BalancesAfter.OutstandingPrincipal);
        Assert.False(atShare.CleanUpCallReached);
        Assert.Equal(Yuan(80_000m), below.BalancesAfter.OutstandingPrincipal);
        Assert.True(below.CleanUpCallReached);
    }

    [Fact]
    public void ProRataInterest_ShortOfCash_SplitsByWhatEachIsDue_TheOddFenToTheLargestRemainder()
    {
        var terms = new PoolTerms(
            [new Tranche("A1", TrancheSeniority.Senior, Yuan(600_000m), 0.04m), new Tranche("A2", TrancheSeniority.Senior, Yuan(400_000m), 0.04m)],
            [], Money.Zero, [], 0.1m,
            [new PayInterest(["A1", "A2"], PaymentOrder.ProRata), new PayResidual("A2")],
            [new PayInterest(["A1", "A2"], PaymentOrder.ProRata)]);

        // Due 6,000 and 4,000; 5,000.01 splits 3,000.006 and 2,000.004: floors 3,000.00 and 2,000.00, the odd fen to A1.
        var report = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q1Start, Q2Start), Yuan(5_000.01m));

        Assert.Equal(Yuan(3_000.01m), report.Tranche("A1").InterestPaid);
        Assert.Equal(Yuan(2_000m), report.Tranche("A2").InterestPaid);
        Assert.Equal(Money.Zero, report.Tranche("A2").ResidualPaid);
    }

    [Fact]
    public void ProRataPrincipal_AllAvailable_SplitsByOutstandingAndNeverRepaysMoreThanOwed()
    {
        var terms = new PoolTerms(
            [new Tranche("A1", TrancheSeniority.Senior, Yuan(300m), 0m), new Tranche("A2", TrancheSeniority.Senior, Yuan(100m), 0m)],
            [], Money.Zero, [], 0.1m,
            [new PayPrincipal(["A1", "A2"], PaymentOrder.ProRata, PrincipalBasis.AllAvailable)],
            [new PayPrincipal(["A1", "A2"], PaymentOrder.ProRata, PrincipalBasis.AllAvailable)]);

        var partial = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q1Start, Q2Start), Yuan(200m));
        var more = WaterfallEngine.Run(terms, partial.BalancesAfter, new DistributionPeriod(Q2Start, Q3Start), Yuan(1_000m));

        Assert.Equal((Yuan(150m), Yuan(50m)), (partial.Tranche("A1").PrincipalPaid, partial.Tranche("A2").PrincipalPaid));
        Assert.Equal(Money.Zero, more.BalancesAfter.OutstandingPrincipal);
        // No residual step: what is left is retained, and offered again the next period.
        Assert.Equal(Yuan(800m), more.RetainedCash);
        Assert.True(more.CleanUpCallReached);
        AssertCashConserved(more);
    }

    [Fact]
    public void RetainedCash_IsCarriedIntoTheNextPeriod()
    {
        var terms = new PoolTerms(
            [new Tranche("A", TrancheSeniority.Senior, Yuan(1_000m), 0.04m)],
            [], Money.Zero, [], 0.1m,
            [new PayInterest("A"), new PayPrincipal("A", PrincipalBasis.BySchedule)],
            [new PayInterest("A")]);

        // Interest 1,000 × 4% × ¼ = 10; the schedule asks 1,000 but the period has only 500 left after interest.
        var first = WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q1Start, Q2Start, [new ScheduledPrincipal("A", Yuan(1_000m))]), Yuan(510m));
        var second = WaterfallEngine.Run(terms, first.BalancesAfter, new DistributionPeriod(Q2Start, Q3Start, [new ScheduledPrincipal("A", Yuan(100m))]), Yuan(1_000m));

        Assert.Equal(Yuan(500m), first.Tranche("A").OutstandingAfter);
        // 500 × 4% × ¼ = 5 of interest, 100 of scheduled principal, 895 retained.
        Assert.Equal(Money.Zero, second.CashCarriedIn);
        Assert.Equal(Yuan(895m), second.RetainedCash);
        var third = WaterfallEngine.Run(terms, second.BalancesAfter, new DistributionPeriod(Q3Start, Q4Start), Money.Zero);
        Assert.Equal(Yuan(895m), third.CashCarriedIn);
        Assert.Equal(Yuan(4m), third.Tranche("A").InterestPaid);
        Assert.Equal(Yuan(891m), third.RetainedCash);
        AssertCashConserved(third);
    }

    [Fact]
    public void DayCount_IsActualOver360_RoundedHalfAwayFromZero()
    {
        // 36.00 × 5% × 1 / 360 = 0.5 fen, which rounds up to one fen; 90 days of a million at 4% is exactly 10,000.
        Assert.Equal(new Money(1), DayCount.Interest(new Money(3_600), 0.05m, Q1Start, Q1Start.AddDays(1)));
        Assert.Equal(Money.Zero, DayCount.Interest(new Money(3_599), 0.05m, Q1Start, Q1Start.AddDays(1)));
        Assert.Equal(Yuan(10_000m), DayCount.Interest(Yuan(1_000_000m), 0.04m, Q1Start, Q2Start));
        // A 92-day quarter accrues 92 days: 1,000,000 × 4% × 92 / 360 = 10,222.222… → 10,222.22.
        Assert.Equal(Yuan(10_222.22m), DayCount.Interest(Yuan(1_000_000m), 0.04m, Q2Start, Q2Start.AddDays(92)));
    }
}
