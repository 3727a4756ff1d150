using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A fee the waterfall pays (trustee, servicer), fixed per period or a rate on the outstanding principal.</summary>
public sealed record Fee(string Id, FeeBasis Basis, Money FixedAmount, decimal AnnualRate)
{
    public static Fee Fixed(string id, Money perPeriod) => new(id, FeeBasis.FixedPerPeriod, perPeriod, 0m);

    public static Fee OnOutstanding(string id, decimal annualRate) => new(id, FeeBasis.RateOnOutstanding, Money.Zero, annualRate);

    /// <summary>
    /// What the fee earns from <paramref name="start"/> to <paramref name="on"/> of a period that ends on
    /// <paramref name="periodEnd"/>: a fixed fee the share of its amount the days so far make (all of it once the period
    /// is over), a rate the pool's outstanding principal at it, actual/360 — both rounded to the fen as interest is.
    /// The waterfall charges a whole period; a clean-up call between two dates charges the days to the call.
    /// </summary>
    public Money Accrued(Money poolOutstanding, DateOnly start, DateOnly on, DateOnly periodEnd)
    {
        if (Basis == FeeBasis.RateOnOutstanding)
        {
            return DayCount.Interest(poolOutstanding, AnnualRate, start, on);
        }
        var days = on.DayNumber - start.DayNumber;
        var periodDays = periodEnd.DayNumber - start.DayNumber;
        return days >= periodDays ? FixedAmount
            : new Money((long)Math.Round((decimal)FixedAmount.Fen * Math.Max(0, days) / periodDays, MidpointRounding.AwayFromZero));
    }
}
