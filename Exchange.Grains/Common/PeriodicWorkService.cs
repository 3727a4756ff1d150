using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Grains.Common;

/// <summary>
/// Background work done in rounds on every silo: a first round <see cref="FirstRoundAfter"/> the start (none when
/// null), then one every <see cref="Interval"/>. A round that fails is logged and the next one runs as scheduled,
/// so the work is retried until it succeeds; the rounds themselves must be idempotent, because every silo runs them.
/// The sweeps that finish interrupted work and the purges that bound stored lists are its uses.
/// </summary>
public abstract class PeriodicWorkService(ILogger logger) : BackgroundService
{
    private static readonly Action<ILogger, string, Exception?> RoundFailed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(1, "RoundFailed"), "{Work} failed; it will run again");

    /// <summary>The time between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>When the first round runs after start; null waits one <see cref="Interval"/>.</summary>
    protected virtual TimeSpan? FirstRoundAfter => TimeSpan.Zero;

    /// <summary>What the work is, as the log names it ("Follow-up sweep").</summary>
    protected abstract string WorkName { get; }

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FirstRoundAfter is { } first)
        {
            await Task.Delay(first, stoppingToken);
            await RoundAsync(stoppingToken);
        }
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RoundAsync(stoppingToken);
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            RoundFailed(logger, WorkName, ex);
        }
    }
}
