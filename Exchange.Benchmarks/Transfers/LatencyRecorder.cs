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
