using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Interest for a period, actual/360: principal × yearly rate × actual days ÷ 360, rounded to the fen half away from
/// zero (四舍五入). Actual/360 is the convention of Chinese ABS and interbank coupons, and the exchange's pledge loans
/// accrue their broken periods the same way; counting actual days (not period fractions) makes a short or long first
/// period, or a moved distribution date, accrue exactly what it lasted. Each tranche's interest is rounded once per
/// period, so a period's figures can be checked by hand.
/// </summary>
public static class DayCount
{
    public const int DaysInYear = 360;

    public static Money Interest(Money principal, decimal annualRate, DateOnly start, DateOnly end)
    {
        var days = end.DayNumber - start.DayNumber;
        // Multiply before dividing: fen × rate × days stays far inside decimal's 28 digits, so only the last step rounds.
        return new Money((long)Math.Round(principal.Fen * annualRate * days / DaysInYear, MidpointRounding.AwayFromZero));
    }
}
