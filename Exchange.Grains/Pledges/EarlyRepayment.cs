using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>
/// When principal may be repaid early (domain.md §6): on a loan that is up to date — nothing overdue, no instalment
/// part-paid (its interest would be split between two schedules) — and for at most the principal still owed.
/// </summary>
public static class EarlyRepayment
{
    /// <exception cref="DomainException">early-repayment-refused or invalid-amount.</exception>
    public static void EnsureAllowed(LoanStanding standing, Money partPaid, Money amount)
    {
        if (standing.Arrears.Fen > 0)
        {
            throw new DomainException(DomainErrors.EarlyRepaymentRefused, $"{standing.Arrears} is overdue; pay the arrears before repaying early.");
        }
        if (partPaid.Fen > 0)
        {
            throw new DomainException(DomainErrors.EarlyRepaymentRefused, $"Instalment {standing.NextDue?.Number} is part-paid ({partPaid}); pay the rest of it before repaying early.");
        }
        if (amount.Fen <= 0 || amount > standing.OutstandingPrincipal)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"An early repayment is more than nothing and at most the {standing.OutstandingPrincipal} of principal still owed; {amount} is not.", "amount");
        }
    }

    /// <summary>
    /// The interest an early repayment of <paramref name="principal"/> owes for the days since the last due date (or
    /// the loan's start), at the contract rate over a 360-day year: the next instalment, recomputed on the smaller
    /// balance, no longer charges it.
    /// </summary>
    public static Money AccruedInterest(Money principal, LoanTerms terms, IReadOnlyList<Instalment> schedule, DateOnly today) =>
        InterestSince(principal, terms.AnnualRate, LastDueDate(terms, schedule, today), today);

    /// <summary>The last due date on or before <paramref name="today"/>, or the loan's start: since when unpaid interest accrues.</summary>
    public static DateOnly LastDueDate(LoanTerms terms, IReadOnlyList<Instalment> schedule, DateOnly today) =>
        schedule.Where(i => i.DueOn <= today).Select(i => (DateOnly?)i.DueOn).LastOrDefault() ?? terms.Start;

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
