using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>XIRR against public check values, the cases with no answer, and rates recovered from flows built on them.</summary>
public sealed class XirrTests
{
    private static CashFlow Flow(int year, int month, int day, decimal amount) => new(new DateOnly(year, month, day), amount);

    private static double RateOf(XirrResult result)
    {
        Assert.Equal(XirrOutcome.Rate, result.Outcome);
        return result.Rate!.Value;
    }

    [Fact]
    public void Xirr_ExcelsDocumentedExample_Is37Point34Percent()
    {
        // Microsoft's XIRR help page: 0.373362535. The exact root is 0.3733625335…; Excel stops its iteration at a
        // looser tolerance and shows 1.5e-9 more, so the check is to 1e-8.
        var result = Xirr.Compute([Flow(2008, 1, 1, -10_000m), Flow(2008, 3, 1, 2_750m), Flow(2008, 10, 30, 4_250m), Flow(2009, 2, 15, 3_250m), Flow(2009, 4, 1, 2_750m)]);

        Assert.Equal(0.373362535, RateOf(result), 1e-8);
        Assert.False(result.FoundByBisection);
    }

    [Fact]
    public void Xirr_TheDomainGuidesCheckValue_Is10Point064Percent()
    {
        // domain.md §7: 0.10064378342638 on actual/365; the root of these flows is 0.1006437834266…, within 3e-13.
        var result = Xirr.Compute([Flow(2007, 1, 12, -10_000m), Flow(2008, 2, 14, 2_500m), Flow(2008, 3, 3, 2_000m), Flow(2008, 6, 14, 3_000m), Flow(2008, 12, 1, 4_000m)]);

        Assert.Equal(0.10064378342638, RateOf(result), 1e-11);
    }

    [Fact]
    public void Xirr_FlowsOutOfDateOrder_GiveTheSameRate()
    {
        // Excel counts from the first flow's date; the root does not depend on which date is counted from.
        var inOrder = Xirr.Compute([Flow(2008, 1, 1, -10_000m), Flow(2008, 3, 1, 2_750m), Flow(2008, 10, 30, 4_250m), Flow(2009, 2, 15, 3_250m), Flow(2009, 4, 1, 2_750m)]);
        var shuffled = Xirr.Compute([Flow(2008, 10, 30, 4_250m), Flow(2008, 1, 1, -10_000m), Flow(2009, 4, 1, 2_750m), Flow(2008, 3, 1, 2_750m), Flow(2009, 2, 15, 3_250m)]);

        Assert.Equal(RateOf(inOrder), RateOf(shuffled), 1e-10);
    }

    [Fact]
    public void Xirr_AllPositive_HasNoSignChange() =>
        Assert.Equal(XirrResult.NoSignChange, Xirr.Compute([Flow(2026, 1, 1, 100m), Flow(2027, 1, 1, 110m)]));

    [Fact]
    public void Xirr_AllNegative_HasNoSignChange() =>
        Assert.Equal(XirrResult.NoSignChange, Xirr.Compute([Flow(2026, 1, 1, -100m), Flow(2027, 1, 1, -110m)]));

    [Fact]
    public void Xirr_ASingleFlow_HasNoSignChange() =>
        Assert.Equal(XirrResult.NoSignChange, Xirr.Compute([Flow(2026, 1, 1, -100m)]));

    [Fact]
    public void Xirr_NoFlows_HasNoSignChange() => Assert.Equal(XirrResult.NoSignChange, Xirr.Compute([]));

    [Fact]
    public void Xirr_ZerosDoNotCountAsASignChange() =>
        Assert.Equal(XirrResult.NoSignChange, Xirr.Compute([Flow(2026, 1, 1, 0m), Flow(2026, 6, 1, 100m), Flow(2027, 1, 1, 0m)]));

    [Fact]
    public void Xirr_NewtonStepsBelowMinusHundredPercent_TheBisectionFindsTheRate()
    {
        // 10,000 in, 2 back a year later: the rate is 2/10,000 − 1 = −99.98%. From 10%, Newton's first step lands near
        // −12,000%, below −100% where the discount factor has no meaning.
        var result = Xirr.Compute([Flow(2025, 1, 1, -10_000m), Flow(2026, 1, 1, 2m)]);

        Assert.True(result.FoundByBisection);
        Assert.Equal(-0.9998, RateOf(result), 1e-10);
    }

    [Fact]
    public void Xirr_SignChangesButNoRateZeroesTheValue_DidNotConverge()
    {
        // +100, −300, +300 a year apart: 100 − 300x + 300x² (x the discount factor) stays above 25 for every rate.
        var result = Xirr.Compute([Flow(2025, 1, 1, 100m), Flow(2026, 1, 1, -300m), Flow(2027, 1, 1, 300m)]);

        Assert.Equal(XirrResult.DidNotConverge, result);
        Assert.Null(result.Rate);
    }

    [Fact]
    public void Xirr_ZeroReturn_IsZero() =>
        Assert.Equal(0.0, RateOf(Xirr.Compute([Flow(2026, 1, 1, -1_000m), Flow(2026, 7, 1, 400m), Flow(2027, 1, 1, 600m)])), 1e-12);

    [Fact]
    public void Xirr_RandomInvestments_RecoverTheRateTheyWereBuiltOn()
    {
        var random = new Random(365);
        for (var trial = 0; trial < 300; trial++)
        {
            // An investment paid in, then positive distributions, the last set so the flows are worth nothing at the
            // chosen rate: one sign change, so that rate is the only root.
            var rate = Math.Round(random.NextDouble() * 0.6 - 0.2, 6);
            var start = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 2_000));
            var flows = new List<CashFlow> { new(start, -Math.Round((decimal)random.NextDouble() * 1_000_000m + 1_000m, 2)) };
            var day = 0;
            for (var k = random.Next(0, 20); k > 0; k--)
            {
                day += random.Next(1, 200);
                flows.Add(new CashFlow(start.AddDays(day), Math.Round((decimal)random.NextDouble() * 50_000m, 2)));
            }
            day += random.Next(1, 400);
            var owed = -flows.Sum(f => (double)f.Amount / Math.Pow(1 + rate, (f.On.DayNumber - start.DayNumber) / 365.0));
            if (owed <= 0)
            {
                continue;
            }
            flows.Add(new CashFlow(start.AddDays(day), (decimal)(owed * Math.Pow(1 + rate, day / 365.0))));

            var result = Xirr.Compute(flows);

            Assert.True(result.Outcome == XirrOutcome.Rate, $"trial {trial}: {result.Outcome} for a rate of {rate}");
            Assert.True(Math.Abs(result.Rate!.Value - rate) < 1e-8, $"trial {trial}: {result.Rate} for a rate of {rate}");
            Assert.True(double.IsFinite(result.Rate.Value));
        }
    }
}
