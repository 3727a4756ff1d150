using Exchange.Grains.Navigation;

namespace Exchange.Tests.Common;

public sealed class MarketStatisticsTests
{
    [Theory]
    [InlineData(new long[] { 5 }, 5)]
    [InlineData(new long[] { 9, 1, 5 }, 5)]
    [InlineData(new long[] { 1, 2, 3, 10 }, 2)]   // (2 + 3) / 2 = 2.5 fen → 2, half to even
    [InlineData(new long[] { 1, 4, 6, 10 }, 5)]
    [InlineData(new long[] { 1, 3 }, 2)]
    public void Median_IsTheMiddlePrice_OrTheMeanOfTheTwoMiddleOnes(long[] prices, long median) => Assert.Equal(median, MarketStatistics.Median(prices));

    [Fact]
    public void Summary_GroupsBySubclassAndKind()
    {
        var at = DateTimeOffset.UnixEpoch;
        var deals = new[]
        {
            new DealRecord(Guid.NewGuid(), DealKind.Sale, "n", "H01M", 100, at),
            new DealRecord(Guid.NewGuid(), DealKind.Sale, "n", "H01M", 300, at),
            new DealRecord(Guid.NewGuid(), DealKind.Sale, "n", "H01M", 200, at),
            new DealRecord(Guid.NewGuid(), DealKind.License, "n", "H01M", 7, at),
            new DealRecord(Guid.NewGuid(), DealKind.Sale, "n", "A61K", 50, at),
        };
        Assert.Equal(
            [new DealStatistic("A61K", DealKind.Sale, 1, 50), new DealStatistic("H01M", DealKind.Sale, 3, 200), new DealStatistic("H01M", DealKind.License, 1, 7)],
            MarketStatistics.Summarize(deals));
    }

    [Fact]
    public void Subclass_IsTheFirstFourCharactersOfTheNormalizedClass() =>
        Assert.Equal("H01M", MarketStatistics.Subclass("h01m 10/0562"));
}
