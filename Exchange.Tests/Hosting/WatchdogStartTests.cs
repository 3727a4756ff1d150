using System.Collections.Concurrent;
using Exchange.Grains.Hosting;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exchange.Tests.Hosting;

/// <summary>
/// Issue 9: every start logged "Participant check thread has not completed for 04:30:25 … deadlock", Orleans'
/// watchdog measuring from timestamp 0 before its first check had set one (<see cref="MembershipClock"/>).
/// </summary>
public sealed class WatchdogStartTests
{
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    logs.Warnings.Enqueue($"{category}: {formatter(state, exception)}");
                }
            }
        }
    }

    private sealed class LoggingApi(CapturedLogs logs) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    [Fact]
    public async Task AStartingSilo_ReportsNoStalledParticipantCheck_ButMembershipStillMeasuresRealTime()
    {
        var logs = new CapturedLogs();
        await using var api = new LoggingApi(logs);
        await api.InitializeAsync();
        // The platform watchdog checks once a second from its start; the spurious warning came with its first check.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.DoesNotContain(logs.Warnings, w => w.Contains("Participant check thread has not completed", StringComparison.Ordinal));
        var clock = api.Services.GetRequiredKeyedService<TimeProvider>(MembershipClock.OrleansKey);
        Assert.IsType<MembershipClock>(clock);
        var start = clock.GetTimestamp();
        await Task.Delay(50);
        Assert.InRange(clock.GetElapsedTime(start), TimeSpan.FromMilliseconds(40), TimeSpan.FromMinutes(1));
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
