using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Tests.Licenses;

public sealed class RoyaltyRulesTests
{
    [Theory]
    [InlineData(1_000_000, 350, 35_000)]   // 3.5% of CNY 10,000.00
    [InlineData(333, 350, 12)]             // 11.655 fen → 12
    [InlineData(100, 350, 4)]              // 3.5 fen → 4, half away from zero
    [InlineData(0, 350, 0)]
    public void RunningRoyalty_IsRateTimesNetSales_RoundedHalfUpToTheFen(long netSalesFen, int rate, long royaltyFen) =>
        Assert.Equal(new Money(royaltyFen), RoyaltyRules.RunningRoyalty(new Money(netSalesFen), rate));

    [Fact]
    public void NegativeNetSales_AreRefused() =>
        Assert.Throws<DomainException>(() => RoyaltyRules.RunningRoyalty(new Money(-1), 100));

    [Fact]
    public void QuarterlyShares_OfTheMinimum_AddUpToItExactly()
    {
        var minimum = new Money(1_000_001);
        var shares = Enumerable.Range(0, 4).Select(q => RoyaltyRules.MinimumShare(minimum, 4, q)).ToArray();
        Assert.Equal(minimum.Fen, shares.Sum(s => s.Fen));
        Assert.Equal([250_001L, 250_000, 250_000, 250_000], shares.Select(s => s.Fen));
    }

    [Fact]
    public void RoyaltyBelowThePeriodsMinimum_IsToppedUp()
    {
        Assert.Equal(new Money(250_000), RoyaltyRules.Due(new Money(1_000_000), 350, new Money(1_000_000), 4, 1)); // 35,000 < 250,000
        Assert.Equal(new Money(350_000), RoyaltyRules.Due(new Money(10_000_000), 350, new Money(1_000_000), 4, 1));
    }

    [Fact]
    public void UnknownPaymentPeriod_IsRefused() =>
        Assert.Throws<DomainException>(() => RoyaltyRules.MinimumShare(new Money(100), 3, 0));
}
