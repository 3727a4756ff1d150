using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>One royalty payment period of a licence: [Start, End), due <see cref="LicensePeriods.PaymentDays"/> after its end.</summary>
public sealed record LicensePeriod(int Index, DateOnly Start, DateOnly End, int IndexInYear)
{
    public DateOnly DueDate => End.AddDays(LicensePeriods.PaymentDays);
}

/// <summary>
/// The calendar of a licence (domain.md §5): payment periods counted from its start, the royalty's due date, when an
/// unpaid royalty becomes a default, when record filing is due (2023 Regulations Art. 15: three months from taking
/// effect) and how long co-owners have to consent.
/// </summary>
public static class LicensePeriods
{
    public const int PaymentDays = 30;

    /// <summary>Unpaid this many days past its due date, a royalty puts the licence in default (suspended until paid).</summary>
    public const int DefaultGraceDays = 60;

    public const int FilingMonths = 3;

    /// <summary>An exclusive or sole licence whose co-owners have not all consented this many days after submission lapses.</summary>
    public const int ConsentDays = 30;

    public static int PeriodCount(LicenseTerms terms)
    {
        var months = 12 / terms.PaymentsPerYear;
        return (terms.TermMonths + months - 1) / months;
    }

    /// <summary>The period, if it exists and has ended by <paramref name="today"/>; otherwise a refusal naming the field.</summary>
    public static LicensePeriod Ended(Guid licenseId, DateOnly start, DateOnly end, LicenseTerms terms, int index, DateOnly today)
    {
        if (index < 0 || index >= PeriodCount(terms))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Licence {licenseId} has no payment period {index}.", "periodIndex");
        }
        var months = 12 / terms.PaymentsPerYear;
        var period = new LicensePeriod(index, start.AddMonths(index * months), start.AddMonths((index + 1) * months), index % terms.PaymentsPerYear);
        if (period.Start >= end || period.End > today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Period {index} of licence {licenseId} has not ended yet or lies outside the licence.", "periodIndex");
        }
        return period;
    }

    public static DateOnly FilingDeadline(DateOnly effectiveOn) => effectiveOn.AddMonths(FilingMonths);

    public static DateOnly ConsentDeadline(DateOnly submittedOn) => submittedOn.AddDays(ConsentDays);

    /// <summary>Whether a royalty due on <paramref name="dueDate"/> and still unpaid is a default by <paramref name="today"/>.</summary>
    public static bool IsDefault(DateOnly dueDate, DateOnly today) => today > dueDate.AddDays(DefaultGraceDays);

    /// <summary>Late interest: the royalty times the monthly rate for each whole month past the due date, half up to the fen.</summary>
    public static Money LateInterest(Money royalty, int basisPointsPerMonth, DateOnly dueDate, DateOnly paidOn)
    {
        var monthsLate = Patents.AnnualFeeCalculator.WholeMonthsLate(dueDate, paidOn);
        return new Money((long)Math.Round(royalty.Fen * (decimal)basisPointsPerMonth * monthsLate / 10_000m, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The part of a period before the day the licence's rights ended (its last patent declared invalid, Patent Law
    /// Art. 47): 1 for a period ending before it, 0 for one starting on or after it, the share of days in between.
    /// </summary>
    public static decimal ShareBefore(LicensePeriod period, DateOnly? rightsEndedOn)
    {
        if (rightsEndedOn is not { } ended || period.End <= ended)
        {
            return 1m;
        }
        if (period.Start >= ended)
        {
            return 0m;
        }
        return (decimal)(ended.DayNumber - period.Start.DayNumber) / (period.End.DayNumber - period.Start.DayNumber);
    }

    /// <summary>
    /// How much each licensed patent earns of a period's royalty: the days of the period it was still valid (a patent
    /// declared invalid earns nothing for the time after its invalidation, Patent Law Art. 47). Every patent valid
    /// throughout earns the same.
    /// </summary>
    public static IReadOnlyList<decimal> EarningWeights(DateOnly periodStart, DateOnly periodEnd, IReadOnlyList<string> patents, IReadOnlyDictionary<string, DateOnly> invalidatedOn) =>
        patents.Select(p => (decimal)Math.Max(0, (invalidatedOn.TryGetValue(p, out var on) && on < periodEnd ? on : periodEnd).DayNumber - periodStart.DayNumber)).ToArray();
}
