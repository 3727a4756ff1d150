namespace Exchange.Grains.Hosting;

/// <summary>
/// The clock Orleans' membership and watchdog read (keyed "Orleans.Membership"): real time, with timestamps counted
/// from the moment the silo's services created it (as it starts) rather than from the machine's boot.
/// <para>
/// Why: Orleans 10.4.2's <c>Watchdog.Start</c> starts its platform thread before it sets the component check's
/// first timestamp, so the thread's first check measures the time since timestamp 0. With the system clock that is
/// the machine's uptime, and every start logged "Participant check thread has not completed for 04:30:25 …
/// deadlock" although nothing had stalled. Counted from the silo's start, that first reading is the few seconds
/// the silo has been starting, below the warning's threshold (twice
/// <c>ClusterMembershipOptions.LocalHealthDegradationMonitoringPeriod</c>, 20 s), while a real stall later is still
/// measured and reported as before: only differences of timestamps matter to every other reader.
/// </para>
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    public const string OrleansKey = Orleans.Runtime.TimeProviderNames.Membership;

    // One per silo (a test process hosts many, one after another): its timestamps start when the silo does.
    private readonly long _origin = TimeProvider.System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeProvider.System.LocalTimeZone;

    public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;

    public override long GetTimestamp() => TimeProvider.System.GetTimestamp() - _origin;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        TimeProvider.System.CreateTimer(callback, state, dueTime, period);
}
