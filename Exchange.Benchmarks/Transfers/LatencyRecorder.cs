using System.Diagnostics;

namespace Exchange.Benchmarks.Transfers;

/// <summary>Collects per-operation latencies and reports throughput and percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _lock = new();
    private int _errors;

    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public string Report(string name, TimeSpan wall)
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _milliseconds.Order()];
        }
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return $"{name}: {sorted.Length} ok, {_errors} errors in {wall.TotalSeconds:F1} s = {sorted.Length / wall.TotalSeconds:F0} per second; " +
               $"p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):F2} ms";
    }

    /// <summary>
    /// How long the code runs before anything is measured. The JIT compiles a method first without optimisation,
    /// then again with profile-guided optimisation once it is hot, which takes seconds under load; a short warm-up
    /// measures the half-compiled code (the first runs of these benchmarks did, and read 25% slow).
    /// </summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(12);

    /// <summary>Runs operations for <paramref name="duration"/>, unmeasured; returns how many were started.</summary>
    public static async Task<int> WarmUpAsync(TimeSpan duration, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                try
                {
                    await operation(Interlocked.Increment(ref next));
                }
                catch (Exception)
                {
                    // Errors during warm-up show again in the measured run, where they are counted.
                }
            }
        })));
        return next + 1;
    }

    /// <summary>
    /// Runs operations, unmeasured, until the rate is steady: two consecutive windows of <see cref="SteadyWindow"/>
    /// within 10% of each other, after at least <see cref="SteadyWarmUpAtLeast"/>, or <paramref name="atMost"/> at the
    /// latest. A 12-second warm-up was not enough for the API process on two busy cores: its rate climbed for about
    /// 30 s while tiered compilation caught up (windows of 5 s at 714, 1,017, 1,031, 1,229, 1,534, 2,039, 1,825,
    /// 2,088 … 2,300 per second), so the first 20,000 requests after 12 s read 35–45% below the steady rate.
    /// Returns how many operations were started and what the warm-up saw, for the report.
    /// </summary>
    public static async Task<(int Started, string Summary)> WarmUpUntilSteadyAsync(TimeSpan atMost, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var completed = 0L;
        using var stop = new CancellationTokenSource();
        var workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await operation(Interlocked.Increment(ref next));
                    Interlocked.Increment(ref completed);
                }
                catch (Exception)
                {
                    // Errors during warm-up show again in the measured run, where they are counted.
                }
            }
        })));
        var clock = Stopwatch.StartNew();
        var rates = new List<double>();
        var seen = 0L;
        while (clock.Elapsed < atMost)
        {
            await Task.Delay(SteadyWindow);
            var now = Interlocked.Read(ref completed);
            rates.Add((now - seen) / SteadyWindow.TotalSeconds);
            seen = now;
            if (clock.Elapsed >= SteadyWarmUpAtLeast && rates.Count >= 2 && Math.Abs(rates[^1] - rates[^2]) <= 0.10 * Math.Max(rates[^1], rates[^2]))
            {
                break;
            }
        }
        stop.Cancel();
        await workers;
        return (next + 1, $"warm-up {clock.Elapsed.TotalSeconds:F0} s, {seen} operations, windows of {SteadyWindow.TotalSeconds:F0} s at {string.Join(", ", rates.Select(r => r.ToString("F0")))} per second");
    }

    public static readonly TimeSpan SteadyWindow = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan SteadyWarmUpAtLeast = TimeSpan.FromSeconds(30);

    public static async Task<TimeSpan> RunAsync(int operations, int concurrency, Func<int, Task> operation, LatencyRecorder recorder)
    {
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                    recorder.Record(Stopwatch.GetElapsedTime(started));
                }
                catch (Exception)
                {
                    recorder.Error();
                }
            }
        })));
        return wall.Elapsed;
    }
}
