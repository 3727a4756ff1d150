using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>The holding period before resale (国发〔2011〕38号), counted in trading days: weekdays that are not holidays.</summary>
public sealed class TradingCalendarTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly DateOnly Friday = new(2026, 12, 11);
    private static readonly DateOnly Saturday = new(2026, 12, 12);

    [Fact]
    public void TheSampleDates_AreTheWeekdaysTheyAreNamedFor()
    {
        Assert.Equal(DayOfWeek.Monday, Monday.DayOfWeek);
        Assert.Equal(DayOfWeek.Friday, Friday.DayOfWeek);
        Assert.Equal(DayOfWeek.Saturday, Saturday.DayOfWeek);
    }

    [Fact]
    public void IsTradingDay_WeekdaysAre_WeekendsAndHolidaysAreNot()
    {
        var calendar = new TradingCalendar([Monday.AddDays(2)]);

        Assert.True(calendar.IsTradingDay(Monday));
        Assert.True(calendar.IsTradingDay(Friday));
        Assert.False(calendar.IsTradingDay(Monday.AddDays(2)));
        Assert.False(calendar.IsTradingDay(Saturday));
        Assert.False(calendar.IsTradingDay(Saturday.AddDays(1)));
    }

    [Fact]
    public void TradingDaysAfter_CountsAfterTheFirstDayUpToAndIncludingTheLast_AndIsZeroBackwards()
    {
        var calendar = TradingCalendar.WeekdaysOnly;

        Assert.Equal(0, calendar.TradingDaysAfter(Monday, Monday));
        Assert.Equal(1, calendar.TradingDaysAfter(Monday, Monday.AddDays(1)));
        Assert.Equal(4, calendar.TradingDaysAfter(Monday, Friday));
        Assert.Equal(4, calendar.TradingDaysAfter(Monday, Saturday.AddDays(1)));
        Assert.Equal(5, calendar.TradingDaysAfter(Monday, Monday.AddDays(7)));
        Assert.Equal(261, calendar.TradingDaysAfter(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
        Assert.Equal(0, calendar.TradingDaysAfter(Friday, Monday));
    }

    [Fact]
    public void FirstResaleDay_BoughtMonday_FiveDays_IsTheNextMonday()
    {
        Assert.Equal(Monday.AddDays(7), TradingCalendar.WeekdaysOnly.FirstResaleDay(Monday, 5));
    }

    [Fact]
    public void FirstResaleDay_BoughtFriday_FiveDays_IsTheNextFriday()
    {
        Assert.Equal(Friday.AddDays(7), TradingCalendar.WeekdaysOnly.FirstResaleDay(Friday, 5));
    }

    [Fact]
    public void FirstResaleDay_BoughtOnAWeekend_CountsFromTheMonday_SoFiveDaysIsTheNextFriday()
    {
        Assert.Equal(Friday.AddDays(7), TradingCalendar.WeekdaysOnly.FirstResaleDay(Saturday, 5));
        Assert.Equal(Friday.AddDays(7), TradingCalendar.WeekdaysOnly.FirstResaleDay(Saturday.AddDays(1), 5));
    }

    [Fact]
    public void FirstResaleDay_AHolidayInsideTheWindow_PushesItByOneTradingDay()
    {
        var calendar = new TradingCalendar([Monday.AddDays(2)]);

        Assert.Equal(Monday.AddDays(8), calendar.FirstResaleDay(Monday, 5));
    }

    [Fact]
    public void FirstResaleDay_AHolidayOnTheDayItWouldFallOn_PushesItToTheNextTradingDay()
    {
        // Bought Thursday; the fifth trading day would be the next Thursday, a holiday, and the Friday after is the fifth.
        var calendar = new TradingCalendar([Friday.AddDays(6)]);

        Assert.Equal(Friday.AddDays(7), calendar.FirstResaleDay(Friday.AddDays(-1), 5));
    }

    [Fact]
    public void FirstResaleDay_BoughtOnAHoliday_CountsFromTheNextTradingDay()
    {
        // Wednesday a holiday: Thu, Fri, Mon, Tue, Wed.
        var calendar = new TradingCalendar([Monday.AddDays(2)]);

        Assert.Equal(Monday.AddDays(9), calendar.FirstResaleDay(Monday.AddDays(2), 5));
    }

    [Fact]
    public void FirstResaleDay_AHolidayOnAWeekend_ChangesNothing()
    {
        var calendar = new TradingCalendar([Saturday, Saturday.AddDays(1)]);

        Assert.Equal(Monday.AddDays(7), calendar.FirstResaleDay(Monday, 5));
        Assert.Equal(4, calendar.TradingDaysAfter(Monday, Saturday.AddDays(1)));
    }

    [Fact]
    public void FirstResaleDay_ZeroDays_IsTheDayBought_EvenAWeekend()
    {
        Assert.Equal(Monday, TradingCalendar.WeekdaysOnly.FirstResaleDay(Monday, 0));
        Assert.Equal(Saturday, TradingCalendar.WeekdaysOnly.FirstResaleDay(Saturday, 0));
        Assert.True(TradingCalendar.WeekdaysOnly.MayResell(Saturday, Saturday, 0));
    }

    [Fact]
    public void MayResell_TheDayBeforeTheFirstResaleDayIsRefused_ThatDayIsAllowed()
    {
        var calendar = new TradingCalendar([Monday.AddDays(2)]);
        var first = calendar.FirstResaleDay(Monday, 5);

        Assert.False(calendar.MayResell(Monday, first.AddDays(-1), 5));
        Assert.True(calendar.MayResell(Monday, first, 5));
        Assert.True(calendar.MayResell(Monday, first.AddDays(30), 5));
    }

    [Fact]
    public void MayResell_ADayBeforeThePurchase_IsRefused_EvenForZeroDays()
    {
        Assert.False(TradingCalendar.WeekdaysOnly.MayResell(Monday, Monday.AddDays(-3), 0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(251)]
    [InlineData(int.MaxValue)]
    public void AHoldingPeriodOutside0To250TradingDays_IsRefused(int days)
    {
        var calendar = TradingCalendar.WeekdaysOnly;

        var resale = Assert.Throws<DomainException>(() => calendar.FirstResaleDay(Monday, days));
        var resell = Assert.Throws<DomainException>(() => calendar.MayResell(Monday, Friday, days));

        Assert.Equal(DomainErrors.InvalidInput, resale.Error);
        Assert.Equal(DomainErrors.InvalidInput, resell.Error);
        Assert.Equal("minimumTradingDays", resale.Field);
    }

    [Fact]
    public void FirstResaleDay_250Days_IsAllowed_AndAboutAYearOn()
    {
        Assert.Equal(new DateOnly(2027, 11, 22), TradingCalendar.WeekdaysOnly.FirstResaleDay(Monday, 250));
    }

    [Fact]
    public void FirstResaleDay_PastTheEndOfTheCalendar_IsRefused_NotAnOverflow()
    {
        var error = Assert.Throws<DomainException>(() => TradingCalendar.WeekdaysOnly.FirstResaleDay(new DateOnly(9999, 12, 28), 5));

        Assert.Equal(DomainErrors.InvalidInput, error.Error);
    }

    [Fact]
    public void RandomPurchases_FirstResaleDayIsExactlyTheHoldingPeriodOn_AndTheDayBeforeIsShortOfIt()
    {
        var random = new Random(38);
        for (var trial = 0; trial < 500; trial++)
        {
            var bought = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 3_650));
            var days = random.Next(0, TradingCalendar.MaximumTradingDays + 1);
            var holidays = Enumerable.Range(0, random.Next(0, 120)).Select(_ => bought.AddDays(random.Next(-10, 400))).ToArray();
            var calendar = new TradingCalendar(holidays);

            var first = calendar.FirstResaleDay(bought, days);

            var context = $"trial {trial}: bought {bought}, {days} days, {holidays.Length} holidays, first resale {first}";
            Assert.True(calendar.TradingDaysAfter(bought, first) == days, context);
            Assert.True(calendar.MayResell(bought, first, days), context);
            Assert.True(first >= bought, context);
            if (days > 0)
            {
                Assert.True(calendar.TradingDaysAfter(bought, first.AddDays(-1)) < days, context);
                Assert.False(calendar.MayResell(bought, first.AddDays(-1), days), context);
                Assert.True(calendar.IsTradingDay(first), context);
            }
            // The arithmetic count agrees with counting the days one by one.
            var counted = 0;
            for (var day = bought.AddDays(1); day <= first; day = day.AddDays(1))
            {
                counted += calendar.IsTradingDay(day) ? 1 : 0;
            }
            Assert.True(counted == days, context);
        }
    }
}
