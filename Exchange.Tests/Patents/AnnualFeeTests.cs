using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Tests.Patents;

public sealed class AnnualFeeTests
{
    private static readonly FeeSchedule Schedule = FeeSchedule.Default;
    private static readonly DateOnly Filed = new(2017, 7, 21);
    private static readonly DateOnly Granted = new(2019, 3, 5); // in patent year 2

    [Theory]
    [InlineData(1, 900)]
    [InlineData(3, 900)]
    [InlineData(4, 1200)]
    [InlineData(6, 1200)]
    [InlineData(7, 2000)]
    [InlineData(9, 2000)]
    [InlineData(10, 4000)]
    [InlineData(12, 4000)]
    [InlineData(13, 6000)]
    [InlineData(15, 6000)]
    [InlineData(16, 8000)]
    [InlineData(20, 8000)]
    public void InventionFeeBands_MatchTheCnipaTable(int year, int yuan) =>
        Assert.Equal(Money.FromYuan(yuan), Schedule.FullAnnualFee(PatentKind.Invention, year));

    [Fact]
    public void YearBeyondTheTerm_HasNoFee() =>
        Assert.Throws<DomainException>(() => Schedule.FullAnnualFee(PatentKind.Invention, 21));

    [Fact]
    public void UtilityModelAndDesign_HaveTheirOwnTables()
    {
        Assert.Equal(Money.FromYuan(600), Schedule.FullAnnualFee(PatentKind.UtilityModel, 1));
        Assert.Throws<DomainException>(() => Schedule.FullAnnualFee(PatentKind.UtilityModel, 11));
        Assert.Equal(Money.FromYuan(600), Schedule.FullAnnualFee(PatentKind.Design, 2));
    }

    [Theory]
    [InlineData(1, 1, 4, 180)]   // single qualifying owner: 85% off 1,200 → 180
    [InlineData(2, 2, 4, 360)]   // joint qualifying owners: 70% off 1,200 → 360
    [InlineData(1, 2, 4, 1200)]  // one owner of two does not qualify: no reduction
    [InlineData(0, 1, 4, 1200)]  // the single owner does not qualify
    [InlineData(1, 1, 11, 600)]  // year 11 is the 10th fee from grant (year 2): still reduced, 85% off 4,000
    [InlineData(1, 1, 12, 4000)] // year 12 is the 11th: full fee
    [InlineData(1, 1, 1, 900)]   // year 1 ended before grant: not in the reduced period
    public void FeeReduction_AppliesToTheFirstTenFeesFromGrant_WhenEveryOwnerQualifies(int qualifying, int owners, int year, int payableYuan)
    {
        var fee = AnnualFeeCalculator.Compute(Schedule, PatentKind.Invention, Filed, Granted, year, qualifying, owners, AnnualFeeCalculator.DueDate(Filed, year));
        Assert.Equal(Money.FromYuan(payableYuan), fee.Payable);
    }

    [Theory]
    [InlineData("2020-07-21", 0)]   // on the due date of year 4
    [InlineData("2020-08-20", 0)]   // less than a whole month late
    [InlineData("2020-08-21", 1)]
    [InlineData("2020-10-01", 2)]
    [InlineData("2021-01-20", 5)]
    public void Surcharge_IsFivePercentOfTheFullFeePerWholeMonthLate_EvenWhenTheFeeIsReduced(string paidOn, int months)
    {
        var fee = AnnualFeeCalculator.Compute(Schedule, PatentKind.Invention, Filed, Granted, 4, 1, 1, DateOnly.Parse(paidOn));
        Assert.Equal(months, fee.LateMonths);
        Assert.Equal(Money.FromYuan(60m * months), fee.Surcharge); // 5% of the full 1,200
        Assert.Equal(Money.FromYuan(180m + 60m * months), fee.Payable);
        Assert.Equal(new DateOnly(2021, 1, 21), fee.GraceEnds);
    }

    [Fact]
    public void PaymentAfterTheSixMonthGracePeriod_IsRefused_BecauseThePatentLapsed()
    {
        var error = Assert.Throws<DomainException>(() => AnnualFeeCalculator.Compute(Schedule, PatentKind.Invention, Filed, Granted, 4, 1, 1, new DateOnly(2021, 1, 21)));
        Assert.Contains("lapsed", error.Message);
    }

    [Fact]
    public void FeeOfTheGrantYear_IsDueOnTheGrantDate_LaterFeesOnTheAnniversary()
    {
        Assert.Equal(Granted, AnnualFeeCalculator.DueDate(Filed, Granted, 2));
        Assert.Equal(new DateOnly(2019, 7, 21), AnnualFeeCalculator.DueDate(Filed, Granted, 3));
    }

    [Fact]
    public void ImpossibleOwnerCounts_AreRefused() =>
        Assert.Throws<DomainException>(() => AnnualFeeCalculator.Compute(Schedule, PatentKind.Invention, Filed, Granted, 4, 3, 2, Filed));
}
