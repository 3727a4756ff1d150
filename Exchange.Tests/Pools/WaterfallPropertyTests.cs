using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>The engine's invariants over random pools, each run for several periods from its issue.</summary>
public sealed class WaterfallPropertyTests
{
    private const int Pools = 300;

    private static IEnumerable<(int Pool, PoolTerms Terms, PoolBalances Before, PeriodReport Report)> RandomPeriods(int seed, bool sequentialOnly)
    {
        var random = new Random(seed);
        for (var pool = 0; pool < Pools; pool++)
        {
            var terms = RandomPools.Terms(random, sequentialOnly);
            var balances = RandomPools.Start(random, terms);
            var start = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 365));
            for (var period = random.Next(1, 7); period > 0; period--)
            {
                var dates = RandomPools.Period(random, start, balances);
                var report = WaterfallEngine.Run(terms, balances, dates, RandomPools.Collections(random, balances));
                yield return (pool, terms, balances, report);
                balances = report.BalancesAfter;
                start = dates.End;
            }
        }
    }

    [Fact]
    public void RandomPeriods_ConserveCash_EveryPeriod()
    {
        foreach (var (pool, _, before, report) in RandomPeriods(20261202, sequentialOnly: false))
        {
            Assert.True(report.CashCarriedIn + report.Collections + report.ReserveDraw == report.PaidOut + report.ReserveTopUp + report.RetainedCash,
                $"pool {pool}: {report.CashCarriedIn} + {report.Collections} + {report.ReserveDraw} ≠ {report.PaidOut} + {report.ReserveTopUp} + {report.RetainedCash}");
            Assert.Equal(before.Reserve - report.ReserveDraw + report.ReserveTopUp, report.ReserveBalance);
            Assert.Equal(report.PaidOut, new Money(report.Tranches.Sum(t => t.TotalPaid.Fen) + report.Steps.SelectMany(s => s.Payments).Where(p => p.Kind == PaymentKind.Fee).Sum(p => p.Paid.Fen)));
        }
    }

    [Fact]
    public void RandomPeriods_NeverPayMoreThanDue_NorAnyNegativeAmount()
    {
        foreach (var (pool, _, _, report) in RandomPeriods(7, sequentialOnly: false))
        {
            foreach (var payment in report.Steps.SelectMany(s => s.Payments))
            {
                Assert.True(payment.Paid >= Money.Zero && payment.Paid <= payment.Due, $"pool {pool}: {payment}");
            }
            foreach (var amount in new[] { report.ReserveDraw, report.ReserveTopUp, report.PaidOut, report.RetainedCash, report.ReserveBalance })
            {
                Assert.True(amount >= Money.Zero, $"pool {pool}: a negative amount {amount} in the report");
            }
            Assert.All(report.BalancesAfter.Fees, f => Assert.True(f.Unpaid >= Money.Zero, $"pool {pool}: fee {f}"));
        }
    }

    [Fact]
    public void RandomPeriods_PrincipalNeverGoesNegative_NorRises_AndFallsByWhatWasRepaid()
    {
        foreach (var (pool, _, before, report) in RandomPeriods(99, sequentialOnly: false))
        {
            foreach (var tranche in report.Tranches)
            {
                var owed = before.Tranche(tranche.TrancheId).Outstanding;
                Assert.True(tranche.OutstandingAfter >= Money.Zero && tranche.OutstandingAfter <= owed, $"pool {pool}: {tranche.TrancheId} went from {owed} to {tranche.OutstandingAfter}");
                Assert.Equal(owed - tranche.PrincipalPaid, tranche.OutstandingAfter);
                Assert.Equal(tranche.InterestDue - tranche.InterestPaid, tranche.UnpaidInterestAfter);
                Assert.True(tranche.UnpaidInterestAfter >= Money.Zero, $"pool {pool}: {tranche}");
            }
        }
    }

    [Fact]
    public void RandomSequentialWaterfalls_PayNothingJunior_WhileAStepBeforeItIsUnpaid()
    {
        var checkedShortfalls = 0;
        foreach (var (pool, _, _, report) in RandomPeriods(424242, sequentialOnly: true))
        {
            StepPayment? unpaid = null;
            // The reserve draw pays the steps before it, not the ones after, so it is outside the order being checked.
            foreach (var payment in report.Steps.Where(s => s.Step is not DrawReserveForShortfall).SelectMany(s => s.Payments))
            {
                if (unpaid is not null)
                {
                    Assert.True(payment.Paid == Money.Zero, $"pool {pool}: {payment} was paid while {unpaid} was short");
                    checkedShortfalls++;
                }
                else if (payment.Paid < payment.Due)
                {
                    unpaid = payment;
                }
            }
        }
        Assert.True(checkedShortfalls > 100, "the random periods run short often enough to test the rule");
    }

    [Fact]
    public void RandomPeriods_TriggersDecideTheNextState_AndANonCurableOneHoldsForGood()
    {
        foreach (var (pool, terms, before, report) in RandomPeriods(5150, sequentialOnly: false))
        {
            Assert.Equal(before.State, report.WaterfallRun);
            var breached = report.Triggers.Any(t => t.Breached);
            var forGood = before.AcceleratedForGood || report.Triggers.Any(t => t.Breached && !t.Curable);
            Assert.Equal(forGood, report.BalancesAfter.AcceleratedForGood);
            Assert.Equal(forGood || breached ? PoolState.Accelerated : PoolState.Normal, report.NextState);
            Assert.Equal(report.NextState, report.BalancesAfter.State);
            Assert.Equal(report.BalancesAfter.OutstandingPrincipal.Fen < terms.CleanUpCallShare * terms.OriginalPrincipal.Fen, report.CleanUpCallReached);
            Assert.Equal(terms.Triggers.Count, report.Triggers.Count);
            _ = pool;
        }
    }

    [Fact]
    public void SamePeriod_RunTwice_GivesTheSameReport()
    {
        var random = new Random(3);
        for (var pool = 0; pool < 50; pool++)
        {
            var terms = RandomPools.Terms(random, sequentialOnly: false);
            var balances = RandomPools.Start(random, terms);
            var period = RandomPools.Period(random, new DateOnly(2026, 1, 1), balances);
            var collections = RandomPools.Collections(random, balances);

            var first = WaterfallEngine.Run(terms, balances, period, collections);
            var second = WaterfallEngine.Run(terms, balances, period, collections);

            Assert.Equal(first.Steps.SelectMany(s => s.Payments), second.Steps.SelectMany(s => s.Payments));
            Assert.Equal(first.Tranches, second.Tranches);
            Assert.Equal(first.Triggers, second.Triggers);
        }
    }
}
