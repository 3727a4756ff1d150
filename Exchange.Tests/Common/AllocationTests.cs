using Exchange.Grains.Common;

namespace Exchange.Tests.Common;

public sealed class AllocationTests
{
    [Fact]
    public void ThreeEqualParties_OneFenLeftOver_GoesToTheFirst()
    {
        var parts = Allocation.ByLargestRemainder(new Money(100), [1m, 1m, 1m]);
        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Fen));
    }

    [Fact]
    public void LargestRemainder_WinsTheLeftoverFen()
    {
        // Exact shares 16.67, 33.33, 50.00 of 100 fen with weights 1:2:3 → floors 16, 33, 50, remainder 1 to the 0.67.
        var parts = Allocation.ByLargestRemainder(new Money(100), [1m, 2m, 3m]);
        Assert.Equal([17L, 33L, 50L], parts.Select(p => p.Fen));
    }

    [Fact]
    public void RandomSplits_AlwaysAddUpToTheWhole_AndStayWithinOneFenOfTheExactShare()
    {
        var random = new Random(20261127);
        for (var round = 0; round < 2_000; round++)
        {
            var total = new Money(random.NextInt64(0, 10_000_000_000));
            var weights = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (decimal)random.Next(0, 1_000_000) / random.Next(1, 1000)).ToArray();
            if (weights.Sum() == 0)
            {
                weights[0] = 1;
            }
            var parts = Allocation.ByLargestRemainder(total, weights);
            Assert.Equal(total.Fen, parts.Sum(p => p.Fen));
            var weightSum = weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = total.Fen * weights[i] / weightSum;
                Assert.True(Math.Abs(parts[i].Fen - exact) < 1m, $"part {i} = {parts[i].Fen}, exact {exact}");
                Assert.True(parts[i].Fen >= 0);
            }
        }
    }

    [Fact]
    public void NoParties_IsRefused() =>
        Assert.Throws<DomainException>(() => Allocation.ByLargestRemainder(new Money(1), []));

    [Fact]
    public void NegativeWeight_IsRefused() =>
        Assert.Throws<DomainException>(() => Allocation.ByLargestRemainder(new Money(10), [1m, -1m]));

    [Fact]
    public void AllZeroWeights_AreRefused() =>
        Assert.Throws<DomainException>(() => Allocation.ByLargestRemainder(new Money(10), [0m, 0m]));
}
