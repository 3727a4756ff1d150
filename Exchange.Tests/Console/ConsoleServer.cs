using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Console;

/// <summary>
/// The whole exchange (API, co-hosted silo, web console) on a real Kestrel port, for a real browser: the test server
/// that other HTTP tests use answers only in-process calls.
/// </summary>
public sealed class ConsoleServer : ApiFactoryBase
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration on top of the tests' defaults (a token authority, the embedded default with its demo market).</param>
    public ConsoleServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Port = FreePort.Next();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://localhost:{Port}";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
