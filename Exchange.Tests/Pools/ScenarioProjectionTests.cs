using Exchange.Grains.Common;
using Exchange.Grains.Pools;
using static Exchange.Tests.Pools.SamplePool;

namespace Exchange.Tests.Pools;

/// <summary>Running <see cref="SamplePool"/> forward on projected collections, as a base case and under stress.</summary>
public sealed class ScenarioProjectionTests
{
    private static IReadOnlyList<ProjectedPeriod> FourQuarters(decimal collections) =>
    [
        new(Quarter(Q1Start, Q2Start), Yuan(collections)),
        new(Quarter(Q2Start, Q3Start), Yuan(collections)),
        new(Quarter(Q3Start, Q4Start), Yuan(collections)),
        new(Quarter(Q4Start, Q4Start.AddDays(90)), Yuan(collections)),
    ];

    [Fact]
    public void Projection_ChainsEachPeriodFromTheBalancesTheLastOneLeft()
    {
        var terms = Terms();

        var reports = ScenarioProjection.Project(terms, FundedReserve(terms), FourQuarters(100_000m));

        Assert.Equal(4, reports.Count);
        Assert.Equal(Yuan(800_000m), reports[^1].BalancesAfter.Tranche("A").Outstanding);
        for (var i = 1; i < reports.Count; i++)
        {
            // A's interest falls by 50,000 × 4% × ¼ = 500 a quarter as its schedule repays it.
            Assert.Equal(reports[i - 1].Tranche("A").InterestDue - Yuan(500m), reports[i].Tranche("A").InterestDue);
        }
    }

    [Fact]
    public void Projection_RoyaltiesFallThirtyPercent_TripsTheCoverageTriggerAndAcceleratesAfterIt()
    {
        var terms = Terms(Trigger.Coverage("coverage", 1.2m, curable: true));

        // 15,000 a quarter covers 1.2 × 10,000; 30% less, 10,500, does not, and the second quarter runs accelerated.
        var baseCase = ScenarioProjection.Project(terms, FundedReserve(terms), FourQuarters(15_000m));
        var stressed = ScenarioProjection.Project(terms, FundedReserve(terms), FourQuarters(15_000m), collectionsFactor: 0.7m);

        Assert.All(baseCase, r => Assert.Equal(PoolState.Normal, r.WaterfallRun));
        Assert.Equal(Yuan(10_500m), stressed[0].Collections);
        Assert.True(stressed[0].Triggers.Single().Breached);
        Assert.Equal(PoolState.Accelerated, stressed[1].WaterfallRun);
        // The base case never touches the reserve and repays A what is left after fees and interest, a little more each
        // quarter as both fall: 2,375.00, then 15,000 − 1,000 − 1,622.03 − 9,976.25 = 2,401.72, then 2,428.74, then
        // 2,456.06, leaving 990,338.48. Under stress the reserve pays
        // 2,125 of A's interest in the first quarter and as much every quarter after (10,500 − 2,625 leaves 7,875 of A's 10,000), and A's principal is not repaid at all.
        Assert.Equal(Yuan(2_125m), stressed[0].ReserveDraw);
        Assert.Equal(Yuan(20_000m), baseCase[^1].ReserveBalance);
        Assert.Equal(Yuan(20_000m - 4 * 2_125m), stressed[^1].ReserveBalance);
        Assert.Equal(Yuan(990_338.48m), baseCase[^1].BalancesAfter.Tranche("A").Outstanding);
        Assert.Equal(Yuan(1_000_000m), stressed[^1].BalancesAfter.Tranche("A").Outstanding);
        Assert.All(stressed, AssertCashConserved);
    }

    [Fact]
    public void Projection_ScalesCollectionsToTheFenHalfAwayFromZero()
    {
        var terms = Terms();

        var reports = ScenarioProjection.Project(terms, FundedReserve(terms), [new ProjectedPeriod(FirstQuarter, new Money(5))], collectionsFactor: 0.7m);

        Assert.Equal(new Money(4), reports.Single().Collections);
    }

    [Fact]
    public void Projection_WithPeriodsOverlapping_IsRefused()
    {
        var terms = Terms();
        var overlapping = new[] { new ProjectedPeriod(FirstQuarter, Yuan(1m)), new ProjectedPeriod(Quarter(Q1Start.AddDays(10), Q3Start), Yuan(1m)) };

        Assert.Equal(DomainErrors.InvalidPoolTerms, Assert.Throws<DomainException>(() => ScenarioProjection.Project(terms, FundedReserve(terms), overlapping)).Error);
    }

    [Fact]
    public void Projection_WithANegativeFactor_IsRefused()
    {
        var terms = Terms();

        Assert.Equal("collectionsFactor", Assert.Throws<DomainException>(() => ScenarioProjection.Project(terms, FundedReserve(terms), FourQuarters(1m), -0.3m)).Field);
    }
}
