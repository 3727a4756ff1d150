using Exchange.Grains.Common;
using Exchange.Grains.Pledges;

namespace Exchange.Tests.Pledges;

/// <summary>Where a pledge loan stands, what enforcement pays out, and the review's service level, against worked figures.</summary>
public sealed class LoanStandingTests
{
    private static readonly LoanTerms Terms = new(Money.FromYuan(1_000_000m), 0.0435m, new DateOnly(2026, 1, 15), 12, RepaymentMethod.EqualInstalments, 15);
    private static readonly IReadOnlyList<Instalment> Schedule = LoanSchedule.Build(Terms);

    private static LoanStanding On(string day, decimal repaidYuan, int graceDays = 30) =>
        LoanStanding.On(Schedule, Terms.Principal, Money.FromYuan(repaidYuan), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), graceDays);

    [Fact]
    public void OnItsDueDate_AnInstalmentIsNotYetOverdue()
    {
        var standing = On("2026-02-15", 0m);
        Assert.Equal((0, Money.Zero, 0, false), (standing.InstalmentsPaid, standing.Arrears, standing.DaysPastDue, standing.InDefault));
        Assert.Equal(1, standing.NextDue!.Number);
        Assert.Equal(Terms.Principal, standing.OutstandingPrincipal);
    }

    [Fact]
    public void MissedInstalments_AreArrears_AndDefaultComesOnlyAfterTheGraceDays()
    {
        var dayAfter = On("2026-02-16", 0m);
        Assert.Equal(Money.FromYuan(85_309.90m), dayAfter.Arrears);
        Assert.Equal(1, dayAfter.DaysPastDue);
        Assert.False(dayAfter.InDefault);

        Assert.False(On("2026-03-17", 0m).InDefault);
        var late = On("2026-03-18", 0m);
        Assert.Equal(31, late.DaysPastDue);
        Assert.True(late.InDefault);
        Assert.Equal(Money.FromYuan(170_619.80m), late.Arrears);
        // Paying the arrears cures it: nothing overdue, whatever the day.
        Assert.False(On("2026-03-18", 170_619.80m).InDefault);
    }

    [Fact]
    public void Repayments_CoverEachInstalmentsInterestBeforeItsPrincipal()
    {
        Assert.Equal(Money.FromYuan(918_315.10m), On("2026-02-20", 85_309.90m).OutstandingPrincipal);
        // 1,000.00 into the second instalment pays part of its 3,328.89 interest and no principal.
        Assert.Equal(Money.FromYuan(918_315.10m), On("2026-02-20", 86_309.90m).OutstandingPrincipal);
        // 5,000.00 into it pays the interest and 1,671.11 of principal.
        Assert.Equal(Money.FromYuan(916_643.99m), On("2026-02-20", 90_309.90m).OutstandingPrincipal);
        Assert.Equal(0.3673m, On("2026-02-20", 85_309.90m).LoanToValue(Money.FromYuan(2_500_000m)));
    }

    [Fact]
    public void TheWholeSchedulePaid_RepaysTheLoan()
    {
        var total = Schedule.Sum(i => i.Payment.Fen) / 100m;
        var standing = On("2027-06-01", total);
        Assert.True(standing.IsRepaid);
        Assert.Equal((12, Money.Zero, Money.Zero), (standing.InstalmentsPaid, standing.OutstandingPrincipal, standing.Arrears));
    }

    [Fact]
    public void EnforcementProceeds_PayThePledgeeFirst_TheSurplusToThePledgor_AndLeaveAnyShortfallOwed()
    {
        Assert.Equal(new EnforcementProceeds(Money.FromYuan(900_000m), Money.FromYuan(300_000m), Money.Zero), EnforcementProceeds.Split(Money.FromYuan(1_200_000m), Money.FromYuan(900_000m)));
        Assert.Equal(new EnforcementProceeds(Money.FromYuan(800_000m), Money.Zero, Money.FromYuan(100_000m)), EnforcementProceeds.Split(Money.FromYuan(800_000m), Money.FromYuan(900_000m)));
        Assert.Throws<DomainException>(() => EnforcementProceeds.Split(new Money(-1), Money.Zero));
    }

    [Fact]
    public void TheDebtOnEnforcement_IsThePrincipal_TheUnpaidScheduledInterest_AndInterestAccruedSinceTheLastDueDate()
    {
        var day = new DateOnly(2026, 3, 18);
        var owed = EnforcementProceeds.Owed(Terms, Schedule, On("2026-03-18", 0m), day);
        // 1,000,000.00 + 3,625.00 + 3,328.89 of the two missed instalments + 1,000,000.00 × 4.35% × 3 / 360 = 362.50.
        Assert.Equal(Money.FromYuan(1_007_316.39m), owed);
    }

    [Theory]
    [InlineData("2026-12-03", ApplicationChannel.Online, "2026-12-07")]
    [InlineData("2026-12-03", ApplicationChannel.Paper, "2026-12-10")]
    [InlineData("2026-12-05", ApplicationChannel.Online, "2026-12-08")]
    public void TheReview_IsDueWithinTwoWorkingDaysOnline_AndFiveOnPaper(string received, ApplicationChannel channel, string decideBy)
    {
        var day = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateOnly.Parse(decideBy, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(deadline, ReviewDeadline.DecideBy(day, channel));
        Assert.False(ReviewDeadline.IsMissed(day, channel, deadline));
        Assert.True(ReviewDeadline.IsMissed(day, channel, deadline.AddDays(1)));
    }
}
