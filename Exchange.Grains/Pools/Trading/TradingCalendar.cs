using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// The exchange's trading days, for the holding period before units may be resold: China's rule for trading venues
/// (国发〔2011〕38号) is that what is bought is not resold for at least N trading days, so "five days" must never be
/// counted over a weekend or a Spring Festival closure. A trading day is a weekday that is not a configured holiday;
/// weekend working days (调休) are not trading days, because the exchanges do not open on them either.
/// <para>
/// Counting is arithmetic (weekdays by formula, less the weekday holidays in the range), so it takes the same time over
/// a week or a century; only <see cref="FirstResaleDay"/> walks day by day, and at most
/// <see cref="MaximumTradingDays"/> trading days plus the holidays in between, because the holiday list is finite.
/// </para>
/// </summary>
public sealed class TradingCalendar(IEnumerable<DateOnly> holidays)
{
    /// <summary>About a year of trading days: no holding period is longer, and a larger figure is a typo.</summary>
    public const int MaximumTradingDays = 250;

    // Only weekday holidays change a count (a holiday on a Saturday is a Saturday), kept sorted for binary search.
    private readonly DateOnly[] _weekdayHolidays = (holidays ?? throw new ArgumentNullException(nameof(holidays)))
        .Where(IsWeekday)
        .Distinct()
        .Order()
        .ToArray();

    /// <summary>Monday to Friday, no holidays: for tests and for a venue that has not loaded its calendar yet.</summary>
    public static TradingCalendar WeekdaysOnly { get; } = new([]);

    public bool IsTradingDay(DateOnly day) => IsWeekday(day) && Array.BinarySearch(_weekdayHolidays, day) < 0;

    /// <summary>The trading days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>; 0 when to ≤ from.</summary>
    /// <remarks>The day bought on never counts: the holding period starts the day after, as T+1 does.</remarks>
    public int TradingDaysAfter(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }
        var weekdays = WeekdaysThrough(to.DayNumber) - WeekdaysThrough(from.DayNumber);
        var holidaysInRange = UpperBound(to) - UpperBound(from);
        return weekdays - holidaysInRange;
    }

    /// <summary>
    /// The earliest day on which <see cref="TradingDaysAfter"/>(<paramref name="boughtOn"/>, day) reaches
    /// <paramref name="minimumTradingDays"/>: the N-th trading day after the purchase, which is always a trading day
    /// itself (for 5 with no holidays, bought Monday → next Monday, bought Friday → next Friday). With 0 it is the day
    /// bought on (T+0), never a day before it.
    /// </summary>
    public DateOnly FirstResaleDay(DateOnly boughtOn, int minimumTradingDays)
    {
        ValidateDays(minimumTradingDays);
        var day = boughtOn;
        for (var counted = 0; counted < minimumTradingDays;)
        {
            if (day == DateOnly.MaxValue)
            {
                throw new DomainException(DomainErrors.InvalidInput,
                    $"Units bought on {boughtOn:yyyy-MM-dd} cannot be held {minimumTradingDays} trading days before the calendar ends.", "boughtOn");
            }
            day = day.AddDays(1);
            if (IsTradingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>
    /// Whether units bought on <paramref name="boughtOn"/> may be resold on <paramref name="today"/>: exactly when today
    /// is on or after <see cref="FirstResaleDay"/>. A day before the purchase never qualifies, even for 0 days.
    /// </summary>
    public bool MayResell(DateOnly boughtOn, DateOnly today, int minimumTradingDays)
    {
        ValidateDays(minimumTradingDays);
        return today >= boughtOn && TradingDaysAfter(boughtOn, today) >= minimumTradingDays;
    }

    private static void ValidateDays(int minimumTradingDays)
    {
        if (minimumTradingDays is < 0 or > MaximumTradingDays)
        {
            throw new DomainException(DomainErrors.InvalidInput,
                $"A holding period is from 0 to {MaximumTradingDays} trading days; {minimumTradingDays} is not.", "minimumTradingDays");
        }
    }

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Weekdays with a day number from 0 to <paramref name="dayNumber"/>; day 0 (0001-01-01) is a Monday.</summary>
    private static int WeekdaysThrough(int dayNumber)
    {
        var days = dayNumber + 1;
        return days / 7 * 5 + Math.Min(days % 7, 5);
    }

    /// <summary>How many weekday holidays fall on or before <paramref name="day"/>.</summary>
    private int UpperBound(DateOnly day)
    {
        var index = Array.BinarySearch(_weekdayHolidays, day);
        return index >= 0 ? index + 1 : ~index;
    }
}
