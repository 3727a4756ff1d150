using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Tests.Licenses;

public sealed class LicensePeriodsTests
{
    private static readonly Guid Licence = Guid.NewGuid();
    private static readonly LicenseTerms Quarterly = new(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.FromYuan(40_000));

    [Fact]
    public void EndedPeriod_RunsFromTheStartInWholePayments_AndIsDue30DaysAfterItsEnd()
    {
        var period = LicensePeriods.Ended(Licence, new DateOnly(2026, 1, 15), new DateOnly(2028, 1, 15), Quarterly, 5, new DateOnly(2027, 12, 31));
        Assert.Equal((new DateOnly(2027, 4, 15), new DateOnly(2027, 7, 15), 1), (period.Start, period.End, period.IndexInYear));
        Assert.Equal(new DateOnly(2027, 8, 14), period.DueDate);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void PeriodOutsideTheTerm_IsRefused(int index) =>
        Assert.Equal("periodIndex", Assert.Throws<DomainException>(() => LicensePeriods.Ended(Licence, new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1), Quarterly, index, new DateOnly(2030, 1, 1))).Field);

    [Fact]
    public void PeriodNotYetEnded_IsRefused() =>
        Assert.Throws<DomainException>(() => LicensePeriods.Ended(Licence, new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1), Quarterly, 0, new DateOnly(2026, 3, 31)));

    [Theory]
    [InlineData("2026-08-14", "2026-08-14", 0)]
    [InlineData("2026-08-14", "2026-09-13", 0)]
    [InlineData("2026-08-14", "2026-09-14", 1)]
    [InlineData("2026-08-14", "2026-11-20", 3)]
    public void LateInterest_CountsWholeMonthsPastTheDueDate(string due, string paid, int months) =>
        Assert.Equal(new Money(1_000_000 * 50 * months / 10_000), LicensePeriods.LateInterest(new Money(1_000_000), 50, DateOnly.Parse(due), DateOnly.Parse(paid)));

    [Fact]
    public void DefaultComes_60DaysAfterTheDueDate_NotBefore()
    {
        var due = new DateOnly(2026, 8, 14);
        Assert.False(LicensePeriods.IsDefault(due, due.AddDays(LicensePeriods.DefaultGraceDays)));
        Assert.True(LicensePeriods.IsDefault(due, due.AddDays(LicensePeriods.DefaultGraceDays + 1)));
    }

    [Fact]
    public void FilingIsDueThreeMonthsAfterTakingEffect_AndConsents30DaysAfterSubmission()
    {
        Assert.Equal(new DateOnly(2026, 6, 2), LicensePeriods.FilingDeadline(new DateOnly(2026, 3, 2)));
        Assert.Equal(new DateOnly(2026, 4, 30), LicensePeriods.FilingDeadline(new DateOnly(2026, 1, 30)));
        Assert.Equal(new DateOnly(2026, 3, 2), LicensePeriods.ConsentDeadline(new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public void ShareOfAPeriod_BeforeTheRightsEnded()
    {
        var period = new LicensePeriod(0, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), 0);
        Assert.Equal(1m, LicensePeriods.ShareBefore(period, null));
        Assert.Equal(1m, LicensePeriods.ShareBefore(period, new DateOnly(2026, 4, 1)));
        Assert.Equal(0m, LicensePeriods.ShareBefore(period, new DateOnly(2026, 1, 1)));
        Assert.Equal(45m / 90m, LicensePeriods.ShareBefore(period, new DateOnly(2026, 2, 15)));
    }

    [Fact]
    public void RoyaltyInvoice_ForAPeriodTheRightsEndedIn_HasItsMinimumProRated_AndNoneAfter()
    {
        var agreement = new LicenseAgreement(["201710601862.3"], Guid.NewGuid(), Quarterly, new DateOnly(2026, 1, 1));
        var scope = new LicenseScope(agreement.Start, agreement.Start.AddMonths(24), ["CN"], ["H01M"]);
        var ended = new DateOnly(2026, 2, 15);
        var invoice = RoyaltyInvoices.Issue(Licence, agreement, scope, 0, Money.Zero, ended, new DateOnly(2026, 12, 1));
        Assert.Equal(new Money(1_000_000 * 45 / 90), invoice.Royalty);
        Assert.Equal(new Money(3_000_000), RoyaltyInvoices.Issue(Licence, agreement, scope, 0, new Money(100_000_000), ended, new DateOnly(2026, 12, 1)).Royalty);
        Assert.Equal(DomainErrors.RoyaltyNotDue, Assert.Throws<DomainException>(() => RoyaltyInvoices.Issue(Licence, agreement, scope, 1, Money.Zero, ended, new DateOnly(2026, 12, 1))).Error);
    }
}
