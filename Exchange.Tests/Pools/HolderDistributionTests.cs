using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>A tranche's payment split among its holders by units, to the fen.</summary>
public sealed class HolderDistributionTests
{
    [Fact]
    public void Split_ThreeHoldersOfOneTenthOfAFen_GivesTheOddFenToTheLargestRemainders()
    {
        // 1.00 over 1, 1 and 1 units: 33.33… fen each; floors 33 + 33 + 33 = 99, the last fen to the first (ties go earlier).
        var parts = HolderDistribution.Split(new Money(100), [new Holding("a", 1), new Holding("b", 1), new Holding("c", 1)]);

        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Amount.Fen));
    }

    [Fact]
    public void Split_ByUnitsHeld_PaysEachItsExactShareWhenItIsWhole()
    {
        var parts = HolderDistribution.Split(Money.FromYuan(10_000m), [new Holding("a", 700), new Holding("b", 200), new Holding("c", 100)]);

        Assert.Equal([Money.FromYuan(7_000m), Money.FromYuan(2_000m), Money.FromYuan(1_000m)], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Split_NothingPaid_GivesEveryoneNothing() =>
        Assert.All(HolderDistribution.Split(Money.Zero, [new Holding("a", 5), new Holding("b", 7)]), p => Assert.Equal(Money.Zero, p.Amount));

    [Fact]
    public void Split_RandomRegisters_AddUpToThePayment_EachPartWithinAFenOfItsShare()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 300; trial++)
        {
            var holders = Enumerable.Range(0, random.Next(1, 300)).Select(i => new Holding($"h{i}", random.NextInt64(1, 1_000_000))).ToArray();
            var paid = new Money(random.NextInt64(0, 10_000_000_000));

            var parts = HolderDistribution.Split(paid, holders);

            Assert.Equal(paid.Fen, parts.Sum(p => p.Amount.Fen));
            var units = holders.Sum(h => (decimal)h.Units);
            for (var i = 0; i < holders.Length; i++)
            {
                var exact = paid.Fen * holders[i].Units / units;
                Assert.True(parts[i].Amount.Fen == decimal.Floor(exact) || parts[i].Amount.Fen == decimal.Floor(exact) + 1, $"trial {trial}: {parts[i]} for an exact share of {exact}");
                Assert.Equal(holders[i].HolderId, parts[i].HolderId);
            }
        }
    }

    [Fact]
    public void Split_TenThousandHolders_AddsUpExactly_EachByItsUnits()
    {
        var random = new Random(10_000);
        var holders = Enumerable.Range(0, 10_000).Select(i => new Holding($"investor-{i:D5}", random.NextInt64(1, 50_000))).ToArray();
        var paid = Money.FromYuan(3_012_345.67m);

        // How fast it is belongs to the benchmarks (docs/benchmarks.md), not to a timing assertion here.
        var parts = HolderDistribution.Split(paid, holders);

        Assert.Equal(paid.Fen, parts.Sum(p => p.Amount.Fen));
        var units = holders.Sum(h => h.Units);
        Assert.All(parts.Zip(holders), p => Assert.InRange(p.First.Amount.Fen, paid.Fen * p.Second.Units / units, paid.Fen * p.Second.Units / units + 1));
    }

    [Fact]
    public void Split_NoHolders_IsRefused() =>
        Assert.Equal(DomainErrors.InvalidInput, Assert.Throws<DomainException>(() => HolderDistribution.Split(new Money(1), [])).Error);

    [Fact]
    public void Split_AHolderWithNoUnits_IsRefused() =>
        Assert.Contains("holds 0 units", Assert.Throws<DomainException>(() => HolderDistribution.Split(new Money(1), [new Holding("a", 1), new Holding("b", 0)])).Message, StringComparison.Ordinal);

    [Fact]
    public void Split_AHolderListedTwice_IsRefused() =>
        Assert.Contains("appears twice", Assert.Throws<DomainException>(() => HolderDistribution.Split(new Money(1), [new Holding("a", 1), new Holding("a", 2)])).Message, StringComparison.Ordinal);

    [Fact]
    public void Split_ANegativePayment_IsRefused() =>
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => HolderDistribution.Split(new Money(-1), [new Holding("a", 1)])).Error);
}
