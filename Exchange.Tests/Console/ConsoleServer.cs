using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Console;

/// <summary>
/// The whole exchange (API, co-hosted silo, web console) on a real Kestrel port, for a real browser: the test server
/// that other HTTP tests use answers only in-process calls.
/// </summary>
public sealed class ConsoleServer : ApiFactoryBase
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private volatile RequestHold? _hold;

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

    /// <summary>
    /// Holds the requests <paramref name="held"/> picks (the console's own calls to the API among them) until the hold is
    /// opened or disposed: long work, as a browser sees it, on demand.
    /// </summary>
    public RequestHold Hold(Func<HttpRequest, bool> held) => _hold = new RequestHold(held, () => _hold = null);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new HoldFirst(this)));
    }

    private sealed class HoldFirst(ConsoleServer server) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (server._hold is { } hold && hold.Holds(context.Request))
                {
                    await hold.Opened.WaitAsync(context.RequestAborted);
                }
                await proceed(context);
            });
            next(app);
        };
    }

    public sealed class RequestHold(Func<HttpRequest, bool> held, Action released) : IDisposable
    {
        private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Task Opened => _opened.Task;

        internal bool Holds(HttpRequest request) => !_opened.Task.IsCompleted && held(request);

        public void Open() => _opened.TrySetResult();

        public void Dispose()
        {
            released();
            Open();
        }
    }
}
