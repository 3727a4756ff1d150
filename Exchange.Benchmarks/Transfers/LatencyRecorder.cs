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
