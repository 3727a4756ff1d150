using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>What one annual fee costs, and until when it may be paid.</summary>
[GenerateSerializer, Immutable]
public sealed record AnnualFeeDue(
    [property: Id(0)] int PatentYear,
    [property: Id(1)] DateOnly DueDate,
    [property: Id(2)] DateOnly GraceEnds,
    [property: Id(3)] Money FullFee,
    [property: Id(4)] Money ReducedFee,
    [property: Id(5)] int LateMonths,
    [property: Id(6)] Money Surcharge)
{
    public Money Payable => ReducedFee + Surcharge;
}

/// <summary>
/// Annual fee rules (domain.md §3; 2023 Implementing Regulations Art. 115; CNIPA fee-reduction measures):
/// the fee of patent year n falls due on the first day of that year (the (n−1)-th anniversary of filing);
/// qualifying owners pay 15% (one owner) or 30% (joint owners, all qualifying) of the full fee for the first
/// ten annual fees from grant; unpaid at the due date, the fee may still be paid within six months with a
/// surcharge of 5% of the full fee for each whole month late; unpaid then, the patent lapses from the due date.
/// </summary>
public static class AnnualFeeCalculator
{
    public const int GraceMonths = 6;
    public const int SurchargePercentPerMonth = 5;
    public const int ReducedYearsFromGrant = 10;

    /// <summary>The restoration request fee (恢复权利请求费), CNY 1,000 on the CNIPA schedule.</summary>
    public static readonly Money RestorationFee = Money.FromYuan(1_000m);

    /// <summary>What restoring a patent that lapsed for this fee costs: the fee, the full surcharge, the request fee.</summary>
    public static Money RestorationPayable(FeeSchedule schedule, PatentKind basicKind, DateOnly filingDate, DateOnly grantDate, int patentYear, int qualifyingOwners, int owners)
    {
        var full = schedule.FullAnnualFee(basicKind, patentYear);
        var reduced = ApplyReduction(schedule, full, grantDate, filingDate, patentYear, qualifyingOwners, owners);
        var maximumSurcharge = new Money(full.Fen * SurchargePercentPerMonth * (GraceMonths - 1) / 100);
        return reduced + maximumSurcharge + RestorationFee;
    }

    public static DateOnly DueDate(DateOnly filingDate, int patentYear) => filingDate.AddYears(patentYear - 1);

    /// <summary>
    /// When the fee of a patent year is due for a granted patent: the first day of that year, except that the fee
    /// of the year in which the grant falls is due with the grant formalities, on the grant date.
    /// </summary>
    public static DateOnly DueDate(DateOnly filingDate, DateOnly grantDate, int patentYear)
    {
        var due = DueDate(filingDate, patentYear);
        return due < grantDate ? grantDate : due;
    }

    public static AnnualFeeDue Compute(FeeSchedule schedule, PatentKind basicKind, DateOnly filingDate, DateOnly grantDate,
        int patentYear, int qualifyingOwners, int owners, DateOnly paidOn)
    {
        var due = DueDate(filingDate, grantDate, patentYear);
        var full = schedule.FullAnnualFee(basicKind, patentYear);
        var reduced = ApplyReduction(schedule, full, grantDate, filingDate, patentYear, qualifyingOwners, owners);
        var lateMonths = WholeMonthsLate(due, paidOn);
        if (lateMonths >= GraceMonths)
        {
            throw new DomainException(DomainErrors.InvalidPatentTransition,
                $"The fee for patent year {patentYear} was due on {due:yyyy-MM-dd}; the six-month grace period ended on {due.AddMonths(GraceMonths):yyyy-MM-dd} and the patent has lapsed.");
        }
        var surcharge = new Money(full.Fen * SurchargePercentPerMonth * lateMonths / 100);
        return new AnnualFeeDue(patentYear, due, due.AddMonths(GraceMonths), full, reduced, lateMonths, surcharge);
    }

    /// <summary>
    /// The lowest unpaid fee year from the grant year to the end of the term, or null before grant and once every
    /// year is paid. The grant year's fee is due at grant (paid with the grant formalities); every later year's on
    /// the anniversary of filing that starts it.
    /// </summary>
    public static NextAnnualFee? NextFee(FeeSchedule schedule, PatentKind basicKind, DateOnly filingDate, DateOnly? grantDate, IReadOnlyCollection<int> paidYears)
    {
        if (grantDate is not { } granted)
        {
            return null;
        }
        var lastYear = PatentTerm.Years(basicKind, filingDate);
        for (var year = PatentTerm.PatentYear(filingDate, granted); year <= lastYear; year++)
        {
            if (!paidYears.Contains(year))
            {
                var due = DueDate(filingDate, granted, year);
                return new NextAnnualFee(year, due, due.AddMonths(GraceMonths), schedule.FullAnnualFee(basicKind, year));
            }
        }
        return null;
    }

    /// <summary>Whole months between the due date and the payment; paying on or before the due date is 0.</summary>
    public static int WholeMonthsLate(DateOnly due, DateOnly paidOn)
    {
        if (paidOn <= due)
        {
            return 0;
        }
        var months = (paidOn.Year - due.Year) * 12 + paidOn.Month - due.Month;
        if (due.AddMonths(months) > paidOn)
        {
            months--;
        }
        return months;
    }

    private static Money ApplyReduction(FeeSchedule schedule, Money full, DateOnly grantDate, DateOnly filingDate, int patentYear, int qualifyingOwners, int owners)
    {
        if (owners < 1 || qualifyingOwners < 0 || qualifyingOwners > owners)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"{qualifyingOwners} qualifying owners of {owners} is not possible.");
        }
        // Only when every owner qualifies; the ten fees counted from the patent year in which the grant falls.
        var grantYear = PatentTerm.PatentYear(filingDate, grantDate);
        var inReducedPeriod = patentYear >= grantYear && patentYear < grantYear + ReducedYearsFromGrant;
        if (!inReducedPeriod || qualifyingOwners != owners)
        {
            return full;
        }
        var percentOff = owners == 1 ? schedule.SingleOwnerReductionPercent : schedule.JointOwnersReductionPercent;
        return new Money(full.Fen * (100 - percentOff) / 100);
    }
}
