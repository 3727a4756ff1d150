using Exchange.Grains.Common;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Resilience;

/// <summary>One log line per cause of an outage: the first occurrence, then a summary per window or when it clears.</summary>
public sealed class OutageLogTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly OutageLog _outages;

    public OutageLogTests()
    {
        _factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        _outages = new OutageLog(_factory.CreateLogger<OutageLog>(), _clock, TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _outages.Dispose();
        _factory.Dispose();
    }

    private IReadOnlyList<CapturedLogs.Entry> Lines => _logs.Entries.Where(e => e.Category == typeof(OutageLog).FullName).ToArray();

    [Fact]
    public void ThousandsOfRequestsMeetingOneCause_LogTheFirstWithItsMessage_ThenOneSummaryPerWindow()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _outages.Report("PostgreSQL unreachable", $"request {i}: Failed to connect to 127.0.0.1:5432");
            _clock.Advance(TimeSpan.FromMilliseconds(10)); // 10 s of requests
        }
        var first = Assert.Single(Lines);
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Contains("PostgreSQL unreachable", first.Message);
        Assert.Contains("request 0: Failed to connect to 127.0.0.1:5432", first.Message);
        Assert.Null(first.Exception);

        _clock.Advance(TimeSpan.FromSeconds(20)); // the window ends while the fault is still open
        Assert.Equal(2, Lines.Count);
        Assert.Contains("999 more requests met the same fault", Lines[1].Message);
        Assert.Contains("request 999", Lines[1].Message);

        _outages.Report("PostgreSQL unreachable", "request 1000");
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, Lines.Count);
        Assert.Contains("1 more requests met the same fault", Lines[2].Message);

        _clock.Advance(TimeSpan.FromSeconds(30)); // a quiet window closes the cause without a line
        Assert.Equal(3, Lines.Count);
        _outages.Report("PostgreSQL unreachable", "a new outage");
        Assert.Equal(4, Lines.Count);
        Assert.Contains("a new outage", Lines[3].Message);
    }

    [Fact]
    public void EachCauseHasItsOwnLine()
    {
        _outages.Report("PostgreSQL unreachable", "a");
        _outages.Report("cluster: silo unavailable", "b");
        _outages.Report("PostgreSQL unreachable", "c");
        _outages.Report("cluster: silo unavailable", "d");
        Assert.Equal(["a", "b"], Lines.Select(l => l.Message.Contains(": a ") ? "a" : l.Message.Contains(": b ") ? "b" : l.Message).ToArray());
    }

    [Fact]
    public void AFaultThatClears_IsSummarisedAtOnce_ButNotWhileFailuresAreStillArriving()
    {
        _outages.Report("SQLite busy", "first");
        _outages.Report("SQLite busy", "second");
        Assert.False(_outages.Cleared("SQLite busy")); // a success amid failures: still the same outage
        Assert.Single(Lines);

        _clock.Advance(OutageLog.QuietBeforeCleared);
        Assert.True(_outages.Cleared("SQLite busy"));
        Assert.Equal(2, Lines.Count);
        Assert.Contains("cleared", Lines[1].Message);
        Assert.Contains("1 more requests met the same fault", Lines[1].Message);
        Assert.False(_outages.AnyOpen);

        _clock.Advance(TimeSpan.FromMinutes(5)); // its window timer is gone with it
        Assert.Equal(2, Lines.Count);
    }
}
