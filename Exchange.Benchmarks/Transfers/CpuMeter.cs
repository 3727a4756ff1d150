using System.Diagnostics;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// CPU spent during a measured phase: by this process, and by the whole machine (Linux /proc/stat), so that the
/// database's share on the same cores shows as the difference; and, when the script names it
/// (EXCHANGE_BENCH_API_PID), by the API's process alone, which stays meaningful while other work shares the machine.
/// </summary>
public sealed class CpuMeter
{
    private static readonly int? ApiProcess = int.TryParse(Environment.GetEnvironmentVariable("EXCHANGE_BENCH_API_PID"), out var pid) ? pid : null;

    private readonly TimeSpan _processBefore = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double? _machineBefore = MachineBusySeconds();
    private readonly double _postgresBefore = PostgresSeconds();
    private readonly double? _apiBefore = ProcessSeconds(ApiProcess);

    public string Report(int operations, TimeSpan wall)
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _processBefore).TotalSeconds;
        var text = $"  CPU: this process {process * 1e6 / operations:F0} µs per transfer ({process / wall.TotalSeconds:F2} cores)";
        if (_machineBefore is { } before && MachineBusySeconds() is { } after)
        {
            var others = after - before - process;
            var postgres = PostgresSeconds() - _postgresBefore;
            text += $"; everything else on the machine {others * 1e6 / operations:F0} µs per transfer ({others / wall.TotalSeconds:F2} cores), " +
                    $"of which PostgreSQL's processes {postgres * 1e6 / operations:F0} µs";
        }
        if (_apiBefore is { } apiBefore && ProcessSeconds(ApiProcess) is { } apiAfter)
        {
            text += $", the API's process {(apiAfter - apiBefore) * 1e6 / operations:F0} µs ({(apiAfter - apiBefore) / wall.TotalSeconds:F2} cores)";
        }
        return text;
    }

    /// <summary>User and system CPU of one process so far (Linux /proc/{pid}/stat, USER_HZ = 100).</summary>
    private static double? ProcessSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// CPU time of the PostgreSQL processes alive now (server, background workers, connected backends). A backend
    /// that exits during the phase takes its time with it, so this is a lower bound; the pools keep theirs open.
    /// </summary>
    private static double PostgresSeconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres")
                {
                    continue;
                }
                // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
        }
        return ticks / 100.0;
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
