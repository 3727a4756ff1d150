namespace Exchange.Grains.Pledges;

/// <summary>How a pledge application reached the office: its review has a deadline of its own (domain.md §6).</summary>
public enum ApplicationChannel
{
    /// <summary>Filed online: reviewed within 2 working days.</summary>
    Online = 0,

    /// <summary>Filed on paper: reviewed within 5 working days.</summary>
    Paper = 1,
}

/// <summary>
/// The service level of the pledge review (CNIPA's pledge registration practice): a decision within 2 working days
/// of an online application and 5 of a paper one, counted from the day after it arrived. Working days here are Monday
/// to Friday; the State Council's public holidays and their make-up working days are not modelled yet, so a deadline
/// over a holiday is flagged early, never late.
/// </summary>
public static class ReviewDeadline
{
    public static int WorkingDays(ApplicationChannel channel) => channel == ApplicationChannel.Online ? 2 : 5;

    /// <summary>The last day on which the decision is on time.</summary>
    public static DateOnly DecideBy(DateOnly received, ApplicationChannel channel)
    {
        var day = received;
        for (var left = WorkingDays(channel); left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }
        return day;
    }

    /// <summary>Whether a review still undecided on <paramref name="today"/> has missed its deadline.</summary>
    public static bool IsMissed(DateOnly received, ApplicationChannel channel, DateOnly today) => today > DecideBy(received, channel);

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
