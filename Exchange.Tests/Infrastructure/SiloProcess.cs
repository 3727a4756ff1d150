using System.Diagnostics;
using System.Text;

namespace Exchange.Tests.Infrastructure;

/// <summary>A real Exchange.Silo process on PostgreSQL, which a test can kill with SIGKILL and start again.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public SiloProcess(string connectionString, string clusterId, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? settings = null)
    {
        _environment = new Dictionary<string, string>
        {
            ["Exchange__Storage"] = "PostgreSql",
            ["Exchange__PostgreSql"] = connectionString,
            ["Exchange__ClusterId"] = clusterId,
            ["Exchange__ServiceId"] = clusterId,
            ["Exchange__SiloPort"] = siloPort.ToString(),
            ["Exchange__GatewayPort"] = gatewayPort.ToString(),
            ["Exchange__Recovery__SweepInterval"] = "00:00:01",
            ["Exchange__Recovery__StallAfter"] = "00:00:01",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public void Start()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "Exchange.Silo", "bin", RepositoryRoot.Configuration, "net10.0", "Exchange.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build Exchange.Silo first (the test script builds the whole solution).", dll);
        }
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a power cut to the process.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
