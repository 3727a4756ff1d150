using System.Diagnostics;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// CPU spent during a measured phase: by this process, and by the whole machine (Linux /proc/stat), so that the
/// database's share on the same cores shows as the difference.
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _processBefore = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double? _machineBefore = MachineBusySeconds();

    public string Report(int operations, TimeSpan wall)
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _processBefore).TotalSeconds;
        var text = $"  CPU: this process {process * 1e6 / operations:F0} µs per transfer ({process / wall.TotalSeconds:F2} cores)";
        if (_machineBefore is { } before && MachineBusySeconds() is { } after)
        {
            var others = after - before - process;
            text += $"; everything else on the machine (the database) {others * 1e6 / operations:F0} µs per transfer ({others / wall.TotalSeconds:F2} cores)";
        }
        return text;
    }

    /// <summary>Busy time of all cores since boot: user, nice, system, irq and softirq jiffies (USER_HZ = 100).</summary>
    private static double? MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Jiffies(int i) => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
        return (Jiffies(1) + Jiffies(2) + Jiffies(3) + Jiffies(6) + Jiffies(7)) / 100.0;
    }
}
