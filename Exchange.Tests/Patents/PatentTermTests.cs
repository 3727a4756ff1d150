using Exchange.Grains.Patents;

namespace Exchange.Tests.Patents;

public sealed class PatentTermTests
{
    [Theory]
    [InlineData(PatentKind.Invention, "2017-07-21", "2037-07-20")]
    [InlineData(PatentKind.PctInvention, "2021-08-02", "2041-08-01")]
    [InlineData(PatentKind.UtilityModel, "2021-04-30", "2031-04-29")]
    [InlineData(PatentKind.PctUtilityModel, "2021-04-30", "2031-04-29")]
    [InlineData(PatentKind.Design, "2021-05-31", "2031-05-30")] // filed the day before the 2020 amendment took effect: 10 years
    [InlineData(PatentKind.Design, "2021-06-01", "2036-05-31")] // from 1 June 2021: 15 years
    [InlineData(PatentKind.Invention, "2000-02-29", "2020-02-28")]
    public void LastDayInForce_IsTheDayBeforeTheAnniversaryAtTheEndOfTheTerm(PatentKind kind, string filed, string lastDay) =>
        Assert.Equal(DateOnly.Parse(lastDay), PatentTerm.LastDay(kind, DateOnly.Parse(filed)));

    [Fact]
    public void RecordedAdjustment_ExtendsTheTerm() =>
        Assert.Equal(new DateOnly(2037, 9, 30), PatentTerm.LastDay(PatentKind.Invention, new DateOnly(2017, 7, 21), adjustmentDays: 72));

    [Theory]
    [InlineData("2017-07-21", "2017-07-21", 1)]
    [InlineData("2017-07-21", "2018-07-20", 1)]
    [InlineData("2017-07-21", "2018-07-21", 2)]
    [InlineData("2017-07-21", "2036-07-21", 20)]
    public void PatentYear_StartsOnEachAnniversaryOfFiling(string filed, string on, int year) =>
        Assert.Equal(year, PatentTerm.PatentYear(DateOnly.Parse(filed), DateOnly.Parse(on)));
}
