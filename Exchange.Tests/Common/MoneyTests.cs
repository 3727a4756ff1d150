using Exchange.Grains.Common;

namespace Exchange.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.01", 1)]
    [InlineData("12800.50", 1_280_050)]
    [InlineData("100000000000", 10_000_000_000_000)]
    public void FromYuan_ExactAmounts_AreKeptToTheFen(string yuan, long fen) =>
        Assert.Equal(fen, Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)).Fen);

    [Fact]
    public void FromYuan_ThirdDecimal_IsRefusedNotRounded()
    {
        var error = Assert.Throws<DomainException>(() => Money.FromYuan(1.005m));
        Assert.Equal(DomainErrors.InvalidAmount, error.Error);
    }

    [Fact]
    public void FromYuan_BeyondTheLimit_IsRefused() =>
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => Money.FromYuan(100_000_000_000.01m)).Error);

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    public void PositiveFromYuan_ZeroOrNegative_IsRefused(double yuan) =>
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => Money.PositiveFromYuan((decimal)yuan)).Error);

    [Fact]
    public void FromYuan_NearDecimalMaximum_IsRefusedAsAnAmountNotAnOverflow() =>
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => Money.FromYuan(decimal.MaxValue / 10)).Error);

    [Fact]
    public void Addition_Overflow_ThrowsInsteadOfWrapping() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
}
