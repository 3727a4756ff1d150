using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Exchange.Grains.Common;

/// <summary>
/// One log line per cause of an outage, not one stack trace per request. The first occurrence of a cause is logged as a
/// warning with its message; repeats are only counted for <see cref="Window"/>; when the window ends, a summary says how
/// many more requests met the same fault (and a new window starts while the fault lasts), and when the fault is known
/// to have cleared (<see cref="Cleared"/>: a call succeeds at least <see cref="QuietBeforeCleared"/> after the last
/// failure, so that one success amid failures does not split an outage into many) the summary is written at once. A window that ends without a repeat closes
/// the cause quietly: the next occurrence is logged as a first one again.
/// </summary>
public sealed class OutageLog : IDisposable
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan QuietBeforeCleared = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, Outage> _open = [];
    private readonly Lock _lock = new();
    private volatile int _openCount;

    public OutageLog(ILogger<OutageLog> logger, TimeProvider clock, TimeSpan? window = null)
    {
        _logger = logger;
        _clock = clock;
        Window = window ?? DefaultWindow;
    }

    public TimeSpan Window { get; }

    /// <summary>Registers the process's one outage log, on real time (the business clock may be fake or set back).</summary>
    public static void AddTo(IServiceCollection services) =>
        services.TryAddSingleton(sp => new OutageLog(sp.GetRequiredService<ILogger<OutageLog>>(), TimeProvider.System));

    /// <summary>Whether any cause is open: a cheap check for the success path, before <see cref="Cleared"/>.</summary>
    public bool AnyOpen => _openCount > 0;

    /// <summary>A request met the fault named <paramref name="cause"/>; <paramref name="message"/> says what happened this time.</summary>
    public void Report(string cause, string message)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(cause, out var outage))
            {
                outage.Repeats++;
                outage.LastMessage = message;
                outage.LastAt = _clock.GetUtcNow();
                return;
            }
            outage = new Outage(cause, _clock.GetUtcNow(), message);
            outage.Timer = _clock.CreateTimer(_ => WindowEnded(outage), null, Window, Timeout.InfiniteTimeSpan);
            _open.Add(cause, outage);
            _openCount = _open.Count;
        }
        _logger.LogWarning("Fault met, {Cause}: {Message} (repeats are counted, not logged, for {Window} s)", cause, message, Window.TotalSeconds);
    }

    /// <summary>The fault named <paramref name="cause"/> is over (a call that met it succeeds again): its summary is logged now.</summary>
    /// <returns>Whether the cause was open and is now closed (false while its last failure is under <see cref="QuietBeforeCleared"/> old).</returns>
    public bool Cleared(string cause)
    {
        Outage? outage;
        lock (_lock)
        {
            if (!_open.TryGetValue(cause, out outage))
            {
                return true;
            }
            if (_clock.GetUtcNow() - outage.LastAt < QuietBeforeCleared)
            {
                return false;
            }
            _open.Remove(cause);
            _openCount = _open.Count;
            outage.Timer?.Dispose();
        }
        var lasted = _clock.GetUtcNow() - outage.Since;
        if (outage.Repeats > 0)
        {
            _logger.LogWarning("Fault cleared, {Cause}: {Repeats} more requests met the same fault in the last {Seconds:0.#} s; last: {Message}",
                cause, outage.Repeats, lasted.TotalSeconds, outage.LastMessage);
        }
        else
        {
            _logger.LogInformation("Fault cleared, {Cause}, after {Seconds:0.#} s", cause, lasted.TotalSeconds);
        }
        return true;
    }

    private void WindowEnded(Outage outage)
    {
        int repeats;
        string last;
        DateTimeOffset since;
        lock (_lock)
        {
            if (!_open.TryGetValue(outage.Cause, out var current) || current != outage)
            {
                return;
            }
            (repeats, last, since) = (outage.Repeats, outage.LastMessage, outage.WindowStart);
            if (repeats == 0)
            {
                // Nothing met the fault for a whole window: it is over, or nobody is asking.
                _open.Remove(outage.Cause);
                _openCount = _open.Count;
                outage.Timer?.Dispose();
                return;
            }
            outage.Repeats = 0;
            outage.WindowStart = _clock.GetUtcNow();
            outage.Timer?.Change(Window, Timeout.InfiniteTimeSpan);
        }
        _logger.LogWarning("Fault continues, {Cause}: {Repeats} more requests met the same fault in the last {Seconds:0.#} s; last: {Message}",
            outage.Cause, repeats, (_clock.GetUtcNow() - since).TotalSeconds, last);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var outage in _open.Values)
            {
                outage.Timer?.Dispose();
            }
            _open.Clear();
            _openCount = 0;
        }
    }

    private sealed class Outage(string cause, DateTimeOffset since, string message)
    {
        public string Cause { get; } = cause;
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset WindowStart { get; set; } = since;
        public DateTimeOffset LastAt { get; set; } = since;
        public string LastMessage { get; set; } = message;
        public int Repeats { get; set; }
        public ITimer? Timer { get; set; }
    }
}
