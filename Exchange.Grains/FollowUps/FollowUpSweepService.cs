using Exchange.Grains.Common;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.FollowUps;

/// <summary>Configuration section <c>Exchange:FollowUps</c>.</summary>
public sealed class FollowUpOptions
{
    /// <summary>
    /// How long a follow-up waits for the grain it calls. Longer than any healthy call takes; short enough that two
    /// grains whose commands owe each other a follow-up at the same moment stop waiting on each other quickly.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each silo looks for grains whose stored state still owes follow-ups.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a note must be unchanged before the sweep treats its owner as interrupted, not busy.</summary>
    public TimeSpan QuietFor { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Wakes every grain whose stored state has owed follow-ups for a while: the process died between the state write
/// and the follow-ups, or a receiver stayed down past the owner's activation. Runs shortly after start and then
/// periodically on every silo, because in a cluster the silo that died is not the one that comes back. Waking a
/// grain that is already at work only queues behind it.
/// </summary>
public sealed partial class FollowUpSweepService(
    IDeadlineStore store,
    IGrainFactory grains,
    IOptions<FollowUpOptions> options,
    IOptions<Orleans.Configuration.ClusterOptions> cluster,
    ILogger<FollowUpSweepService> logger) : PeriodicWorkService(logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    // A moment after start, so that the silo's own activations go first.
    protected override TimeSpan? FirstRoundAfter => TimeSpan.FromSeconds(2);

    protected override string WorkName => "Follow-up sweep";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Resumes every interrupted owner; returns how many it woke.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        var after = "";
        while (true)
        {
            var owners = await store.ReadUnfinishedFollowUpOwnersAsync(cluster.Value.ServiceId, options.Value.QuietFor, after, options.Value.BatchSize, cancellationToken);
            // A few owners at a time, each given a bounded wait: one whose receiver hangs must not hold up the rest.
            await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (owner, _) =>
            {
                try
                {
                    await grains.GetGrain<IFollowUpOwner>(GrainId.Parse(owner)).ResumeFollowUps().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    Interlocked.Increment(ref woken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // It retries by itself and is swept again.
                    LogOwnerFailed(owner, ex.Message);
                }
            });
            if (owners.Count < options.Value.BatchSize)
            {
                break;
            }
            after = owners[^1];
        }
        if (woken > 0)
        {
            LogResumed(woken);
        }
        return woken;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up sweep resumed {Count} grain(s) whose follow-ups a crash or an outage interrupted")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up sweep: {Owner} could not finish yet: {Error}")]
    private partial void LogOwnerFailed(string owner, string error);
}
