namespace Exchange.Grains.Pools;

/// <summary>
/// The period a distribution covers, from <see cref="Start"/> (included) to <see cref="End"/> (the distribution date,
/// excluded), and the principal the schedule calls for in it. A scheduled amount left unpaid is not carried forward
/// on its own (unlike interest): it stays outstanding, and the caller's schedule decides when it is due again.
/// </summary>
public sealed record DistributionPeriod(DateOnly Start, DateOnly End, IReadOnlyList<ScheduledPrincipal> ScheduledPrincipal)
{
    public DistributionPeriod(DateOnly start, DateOnly end) : this(start, end, [])
    {
    }

    public int Days => End.DayNumber - Start.DayNumber;
}
