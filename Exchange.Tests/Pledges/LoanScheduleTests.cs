using Exchange.Grains.Common;
using Exchange.Grains.Pledges;

namespace Exchange.Tests.Pledges;

/// <summary>The pledge loan's schedule against worked figures, and its invariants on random loans.</summary>
public sealed class LoanScheduleTests
{
    private static LoanTerms Million(RepaymentMethod method, int months = 12) =>
        new(Money.FromYuan(1_000_000m), 0.0435m, new DateOnly(2026, 1, 15), months, method, PaymentDay: 15);

    [Fact]
    public void EqualInstalments_OfAMillionOverAYearAt435_Pay85309_90AMonth_AndTheLastAbsorbsTheRounding()
    {
        var schedule = LoanSchedule.Build(Million(RepaymentMethod.EqualInstalments));

        Assert.Equal(12, schedule.Count);
        Assert.All(schedule.Take(11), i => Assert.Equal(Money.FromYuan(85_309.90m), i.Payment));
        Assert.Equal(Money.FromYuan(3_625.00m), schedule[0].Interest);
        Assert.Equal(Money.FromYuan(81_684.90m), schedule[0].Principal);
        Assert.Equal(Money.FromYuan(85_001.76m), schedule[^1].Principal);
        Assert.Equal(Money.FromYuan(308.13m), schedule[^1].Interest);
        Assert.Equal(Money.FromYuan(85_309.89m), schedule[^1].Payment);
        Assert.Equal(Money.FromYuan(1_000_000m), new Money(schedule.Sum(i => i.Principal.Fen)));
        Assert.Equal(Money.FromYuan(23_718.79m), new Money(schedule.Sum(i => i.Interest.Fen)));
        Assert.Equal(Money.Zero, schedule[^1].BalanceAfter);
    }

    [Fact]
    public void EqualPrincipal_OfAMillionOverAYear_Repays83333_33AMonth_PlusInterestOnTheBalance()
    {
        var schedule = LoanSchedule.Build(Million(RepaymentMethod.EqualPrincipal));

        Assert.All(schedule.Take(11), i => Assert.Equal(Money.FromYuan(83_333.33m), i.Principal));
        Assert.Equal(Money.FromYuan(83_333.37m), schedule[^1].Principal);
        Assert.Equal(Money.FromYuan(3_625.00m), schedule[0].Interest);
        // The second month's interest is on what the first left owed: 916,666.67 × 0.3625%.
        Assert.Equal(Money.FromYuan(3_322.92m), schedule[1].Interest);
        Assert.Equal(Money.FromYuan(302.08m), schedule[^1].Interest);
        Assert.Equal(Money.FromYuan(23_562.50m), new Money(schedule.Sum(i => i.Interest.Fen)));
        Assert.Equal(Money.FromYuan(1_000_000m), new Money(schedule.Sum(i => i.Principal.Fen)));
    }

    [Fact]
    public void DueDates_FallOnThePaymentDay_OrTheLastDayOfAShorterMonth()
    {
        var dates = LoanSchedule.DueDates(new DateOnly(2026, 1, 31), paymentDay: 31, months: 4);
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 31)], dates);
        Assert.Equal(new DateOnly(2027, 1, 15), Million(RepaymentMethod.EqualPrincipal).Maturity);
    }

    [Fact]
    public void AnInterestFreeLoan_RepaysItsPrincipalInEqualParts()
    {
        var schedule = LoanSchedule.Build(new LoanTerms(new Money(1_000), 0m, new DateOnly(2026, 1, 1), 3, RepaymentMethod.EqualInstalments, 1));
        Assert.Equal([333, 333, 334], schedule.Select(i => i.Principal.Fen));
        Assert.All(schedule, i => Assert.Equal(Money.Zero, i.Interest));
    }

    [Theory]
    [InlineData(RepaymentMethod.EqualInstalments)]
    [InlineData(RepaymentMethod.EqualPrincipal)]
    public void RandomLoans_AlwaysRepayExactlyTheirPrincipal_WithTheBalanceFallingToNothing(RepaymentMethod method)
    {
        var random = new Random(20261201);
        for (var loan = 0; loan < 2_000; loan++)
        {
            var terms = new LoanTerms(new Money(random.NextInt64(1, 10_000_000_000)), Math.Round((decimal)random.NextDouble() * 0.24m, 4),
                new DateOnly(2026, 1, 1).AddDays(random.Next(0, 365)), random.Next(1, LoanSchedule.MaxMonths + 1), method, random.Next(1, 32));
            var schedule = LoanSchedule.Build(terms);

            Assert.Equal(terms.Principal.Fen, schedule.Sum(i => i.Principal.Fen));
            Assert.Equal(Money.Zero, schedule[^1].BalanceAfter);
            var owed = terms.Principal;
            foreach (var instalment in schedule)
            {
                Assert.True(instalment.Principal >= Money.Zero && instalment.Interest >= Money.Zero, $"loan {loan}: a negative part in {instalment}");
                Assert.Equal(LoanSchedule.MonthlyInterest(owed, terms.AnnualRate), instalment.Interest);
                owed -= instalment.Principal;
                Assert.Equal(owed, instalment.BalanceAfter);
            }
        }
    }

    [Fact]
    public void AnEarlyRepayment_KeepsTheDueDates_AndLowersTheInstalmentsOnTheSmallerBalance()
    {
        var terms = Million(RepaymentMethod.EqualInstalments);
        var schedule = LoanSchedule.Build(terms);

        var after = LoanSchedule.AfterPrepayment(terms, schedule, instalmentsPaid: 3, Money.FromYuan(100_000m));

        Assert.Equal(9, after.Count);
        Assert.Equal(4, after[0].Number);
        Assert.Equal(schedule.Skip(3).Select(i => i.DueOn), after.Select(i => i.DueOn));
        Assert.Equal(schedule[2].BalanceAfter - Money.FromYuan(100_000m), new Money(after.Sum(i => i.Principal.Fen)));
        Assert.True(after[0].Payment < schedule[3].Payment);
        Assert.Empty(LoanSchedule.AfterPrepayment(terms, schedule, 3, schedule[2].BalanceAfter));
    }

    [Fact]
    public void AnEarlyRepayment_OfNothing_OrOfMoreThanIsOwed_IsRefused()
    {
        var terms = Million(RepaymentMethod.EqualPrincipal);
        var schedule = LoanSchedule.Build(terms);
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => LoanSchedule.AfterPrepayment(terms, schedule, 2, Money.Zero)).Error);
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => LoanSchedule.AfterPrepayment(terms, schedule, 2, schedule[1].BalanceAfter + new Money(1))).Error);
        Assert.Equal(DomainErrors.InvalidInput, Assert.Throws<DomainException>(() => LoanSchedule.AfterPrepayment(terms, schedule, 12, new Money(1))).Error);
    }

    public static TheoryData<string, LoanTerms> BadTerms => new()
    {
        { "principal", Million(RepaymentMethod.EqualInstalments) with { Principal = Money.Zero } },
        { "annualRate", Million(RepaymentMethod.EqualInstalments) with { AnnualRate = -0.01m } },
        { "annualRate", Million(RepaymentMethod.EqualInstalments) with { AnnualRate = 1m } },
        { "months", Million(RepaymentMethod.EqualInstalments, months: 0) },
        { "months", Million(RepaymentMethod.EqualInstalments, months: LoanSchedule.MaxMonths + 1) },
        { "paymentDay", Million(RepaymentMethod.EqualInstalments) with { PaymentDay = 0 } },
        { "paymentDay", Million(RepaymentMethod.EqualInstalments) with { PaymentDay = 32 } },
    };

    [Theory]
    [MemberData(nameof(BadTerms))]
    public void ImpossibleTerms_AreRefused_NamingTheField(string field, LoanTerms terms)
    {
        var refusal = Assert.Throws<DomainException>(() => LoanSchedule.Build(terms));
        Assert.Equal(field, refusal.Field);
    }
}
