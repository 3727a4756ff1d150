namespace Exchange.Benchmarks.Licenses;

/// <summary>Real time plus an offset the benchmark can move forward, so a quarter can end without waiting for it.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
