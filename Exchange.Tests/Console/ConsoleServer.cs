using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Console;

/// <summary>
/// The whole exchange (API, co-hosted silo, web console) on a real Kestrel port, for a real browser: the test server
/// that other HTTP tests use answers only in-process calls.
/// </summary>
public sealed class ConsoleServer : ApiFactoryBase
{
    public ConsoleServer()
    {
        Port = FreePort.Next();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://localhost:{Port}";
}
