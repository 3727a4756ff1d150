namespace Exchange.Api.Demo;

/// <summary>
/// The business clock of an exchange started with demo data: real time, except while the demo market is loaded,
/// when it stands at the dates of the market's history (a licence that started ten months ago, its royalty periods,
/// a sale recorded in the spring), so that every object's dates, postings and audit entries are what they would
/// have been. Orleans' own loops keep real time (Program.cs registers them apart). Never used outside demo mode.
/// </summary>
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => real.GetTimestamp();

    public override long TimestampFrequency => real.TimestampFrequency;

    public DateOnly RealToday => DateOnly.FromDateTime(real.GetUtcNow().UtcDateTime);

    /// <summary>Stands the clock at nine o'clock (UTC) on <paramref name="day"/>, never later than real time.</summary>
    public void StandAt(DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var offset = at - real.GetUtcNow();
        Interlocked.Exchange(ref _offsetTicks, Math.Min(0, offset.Ticks));
    }

    public void BackToRealTime() => Interlocked.Exchange(ref _offsetTicks, 0);
}
