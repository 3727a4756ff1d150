using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>
/// When principal may be repaid early (domain.md §6): on a loan that is up to date — nothing due unpaid, neither an
/// overdue instalment, nor one due today, nor one part-paid (its interest would be split between two schedules) — and
/// for at most the principal still owed. It pays the interest the principal bore since the last paid instalment's due
/// date: the next instalment, recomputed on the smaller balance, no longer charges it.
/// </summary>
public static class EarlyRepayment
{
    /// <exception cref="DomainException">early-repayment-refused or invalid-amount.</exception>
    public static void EnsureAllowed(ProceedsTarget loan, Money amount)
    {
        if (loan.DueNow.Fen > 0)
        {
            throw new DomainException(DomainErrors.EarlyRepaymentRefused, $"{loan.DueNow} is due (an instalment overdue, due today or part-paid); pay it before repaying early.");
        }
        if (amount.Fen <= 0 || amount > loan.PrincipalAfterDue)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"An early repayment is more than nothing and at most the {loan.PrincipalAfterDue} of principal still owed; {amount} is not.", "amount");
        }
    }

    /// <summary>The interest an early repayment of <paramref name="principal"/> owes on <paramref name="loan"/> today.</summary>
    public static Money AccruedInterest(Money principal, ProceedsTarget loan) => InterestSince(principal, loan.AnnualRate, loan.AccruesFrom, loan.Today);

    /// <summary>Interest on <paramref name="principal"/> from <paramref name="since"/> to <paramref name="today"/> at the contract rate over a 360-day year, to the fen (half away from zero); nothing for a date still to come.</summary>
    public static Money InterestSince(Money principal, decimal annualRate, DateOnly since, DateOnly today) =>
        new((long)Math.Round(principal.Fen * AccrualFactor(annualRate, since, today), MidpointRounding.AwayFromZero));

    /// <summary>The interest accrued on one yuan of principal from <paramref name="since"/> to <paramref name="today"/>: the rate × days ÷ 360.</summary>
    public static decimal AccrualFactor(decimal annualRate, DateOnly since, DateOnly today) =>
        annualRate * Math.Max(0, today.DayNumber - since.DayNumber) / 360m;

    /// <summary>A repayment is more than nothing and at most what the schedule still asks for.</summary>
    /// <exception cref="DomainException">invalid-amount.</exception>
    public static void EnsureRepayable(Money amount, Money stillOwed)
    {
        if (amount.Fen <= 0 || amount > stillOwed)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A repayment is more than nothing and at most the {stillOwed} the schedule still asks for; {amount} is not.", "amount");
        }
    }
}
