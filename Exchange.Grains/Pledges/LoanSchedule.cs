using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>How a pledge-secured loan is repaid (domain.md §6).</summary>
public enum RepaymentMethod
{
    /// <summary>等额本息: the same payment every month; its interest part falls and its principal part grows.</summary>
    EqualInstalments = 0,

    /// <summary>等额本金: the same principal every month, plus interest on what is still owed.</summary>
    EqualPrincipal = 1,
}

/// <summary>The secured loan as the pledge contract states it.</summary>
/// <param name="AnnualRate">The nominal yearly rate as a fraction (0.0435 for 4.35%); a month's interest is a twelfth of it.</param>
/// <param name="PaymentDay">The day of the month each instalment is due; in a shorter month, its last day.</param>
[GenerateSerializer, Immutable]
public sealed record LoanTerms(
    [property: Id(0)] Money Principal,
    [property: Id(1)] decimal AnnualRate,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] int Months,
    [property: Id(4)] RepaymentMethod Method,
    [property: Id(5)] int PaymentDay)
{
    /// <summary>The last instalment's due date: the loan's maturity.</summary>
    public DateOnly Maturity => LoanSchedule.DueDates(Start, PaymentDay, Months)[^1];
}

/// <summary>One month's instalment: what of it repays principal, what pays interest, and what is owed after it.</summary>
[GenerateSerializer, Immutable]
public sealed record Instalment(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly DueOn,
    [property: Id(2)] Money Principal,
    [property: Id(3)] Money Interest,
    [property: Id(4)] Money BalanceAfter)
{
    public Money Payment => Principal + Interest;
}

/// <summary>
/// The repayment schedule of a pledge-secured loan, exact to the fen: each month's interest is the outstanding
/// balance times a twelfth of the yearly rate, rounded half away from zero (四舍五入, as banks state it); the
/// principal parts add up to the principal exactly, because the last instalment repays whatever is still owed and so
/// absorbs every rounding before it. Early repayment keeps the remaining due dates and recomputes the instalments on
/// the smaller balance (<see cref="AfterPrepayment"/>).
/// </summary>
public static class LoanSchedule
{
    /// <summary>Thirty years of monthly instalments: the longest loan the exchange schedules.</summary>
    public const int MaxMonths = 360;

    public static IReadOnlyList<Instalment> Build(LoanTerms terms)
    {
        Validate(terms);
        return Compute(terms.Principal, terms.AnnualRate, terms.Method, DueDates(terms.Start, terms.PaymentDay, terms.Months), firstNumber: 1);
    }

    /// <summary>
    /// The schedule after <paramref name="prepaid"/> of principal is repaid early, once the first
    /// <paramref name="instalmentsPaid"/> instalments are paid: the same due dates from the next one on, with
    /// instalments recomputed on the reduced balance (a smaller payment, not a shorter loan). Repaying the whole
    /// balance leaves no instalment. <paramref name="terms"/> carry the principal the schedule amortizes (net of
    /// earlier early repayments).
    /// </summary>
    public static IReadOnlyList<Instalment> AfterPrepayment(LoanTerms terms, IReadOnlyList<Instalment> schedule, int instalmentsPaid, Money prepaid)
    {
        if (instalmentsPaid < 0 || instalmentsPaid >= schedule.Count)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A loan of {schedule.Count} instalments has none left after {instalmentsPaid}.", "instalmentsPaid");
        }
        // What the paid instalments left of the principal: the terms' principal may already be net of an earlier
        // early repayment, which the paid instalments' own balances do not show.
        var outstanding = terms.Principal - new Money(schedule.Take(instalmentsPaid).Sum(i => i.Principal.Fen));
        if (prepaid.Fen <= 0 || prepaid > outstanding)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"An early repayment must be more than nothing and at most the {outstanding} still owed; {prepaid} is not.", "amount");
        }
        var remaining = outstanding - prepaid;
        if (remaining == Money.Zero)
        {
            return [];
        }
        var dueDates = schedule.Skip(instalmentsPaid).Select(i => i.DueOn).ToArray();
        return Compute(remaining, terms.AnnualRate, terms.Method, dueDates, firstNumber: instalmentsPaid + 1);
    }

    /// <summary>The due date of each month's instalment: <paramref name="paymentDay"/> of each month after the start.</summary>
    public static IReadOnlyList<DateOnly> DueDates(DateOnly start, int paymentDay, int months)
    {
        var dates = new DateOnly[months];
        for (var i = 0; i < months; i++)
        {
            var month = start.AddMonths(i + 1);
            dates[i] = new DateOnly(month.Year, month.Month, Math.Min(paymentDay, DateTime.DaysInMonth(month.Year, month.Month)));
        }
        return dates;
    }

    /// <summary>A month's interest on <paramref name="balance"/>, to the fen.</summary>
    public static Money MonthlyInterest(Money balance, decimal annualRate) =>
        new((long)Math.Round(balance.Fen * annualRate / 12m, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The level monthly payment of an equal-instalment loan, to the fen: P·r·(1+r)ⁿ / ((1+r)ⁿ − 1) with r the monthly
    /// rate, or P / n without interest.
    /// </summary>
    public static Money LevelPayment(Money principal, decimal annualRate, int months)
    {
        var r = annualRate / 12m;
        if (r == 0)
        {
            return new Money((long)Math.Round((decimal)principal.Fen / months, MidpointRounding.AwayFromZero));
        }
        var growth = 1m;
        for (var i = 0; i < months; i++)
        {
            growth *= 1 + r;
        }
        return new Money((long)Math.Round(principal.Fen * r * growth / (growth - 1), MidpointRounding.AwayFromZero));
    }

    public static void Validate(LoanTerms terms)
    {
        if (terms.Principal.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A loan's principal must be more than nothing; {terms.Principal} is not.", "principal");
        }
        if (terms.AnnualRate is < 0 or >= 1)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A yearly rate is a fraction from 0 up to (not including) 1, such as 0.0435 for 4.35%; {terms.AnnualRate} is not.", "annualRate");
        }
        if (terms.Months is < 1 or > MaxMonths)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A loan runs 1 to {MaxMonths} months; {terms.Months} is not.", "months");
        }
        if (terms.PaymentDay is < 1 or > 31)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The payment day is a day of the month, 1 to 31; {terms.PaymentDay} is not.", "paymentDay");
        }
    }

    private static Instalment[] Compute(Money principal, decimal annualRate, RepaymentMethod method, IReadOnlyList<DateOnly> dueDates, int firstNumber)
    {
        var months = dueDates.Count;
        var level = method == RepaymentMethod.EqualInstalments ? LevelPayment(principal, annualRate, months) : Money.Zero;
        var equalPrincipal = new Money(principal.Fen / months);
        var instalments = new Instalment[months];
        var balance = principal;
        for (var i = 0; i < months; i++)
        {
            var interest = MonthlyInterest(balance, annualRate);
            var part = i == months - 1
                ? balance
                : method == RepaymentMethod.EqualInstalments ? Clamp(level - interest, balance) : equalPrincipal;
            balance -= part;
            instalments[i] = new Instalment(firstNumber + i, dueDates[i], part, interest, balance);
        }
        return instalments;
    }

    // A payment below the month's interest (possible only for absurd rates and terms) repays nothing that month; one
    // above the balance repays the balance. The last instalment settles whatever remains either way.
    private static Money Clamp(Money part, Money balance) => part < Money.Zero ? Money.Zero : part > balance ? balance : part;
}
