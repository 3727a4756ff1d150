using Exchange.Grains.Common;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.Ledger;

public sealed class TransferRecoveryOptions
{
    /// <summary>How often each silo looks for transfers left with funds reserved.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a reservation may sit before the sweep treats it as abandoned rather than in flight.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Finishes immediate transfers that a crash left between reserve and settle: once at start-up, then
/// periodically, because in a cluster the silo that died is not the one that comes back. Running on every silo
/// at once is harmless: each step is idempotent and the transfer grain serializes them.
/// </summary>
public sealed partial class TransferRecoveryService(
    ILedgerStore store,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<TransferRecoveryOptions> options,
    ILogger<TransferRecoveryService> logger) : PeriodicWorkService(logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string WorkName => "Transfer recovery sweep";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Resumes every stalled transfer; returns how many it resumed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var stalled = await store.FindStalledTransfersAsync(clock.GetUtcNow() - options.Value.StallAfter, options.Value.BatchSize, cancellationToken);
            // A transfer that stays stalled after its resume (its payer's account refused it, say) comes back in the
            // next query: resume each once per round, and stop when a batch holds nothing new, so that a full batch of
            // such transfers cannot keep the round going forever.
            var fresh = stalled.Where(seen.Add).ToArray();
            foreach (var transferId in fresh)
            {
                try
                {
                    await grains.GetGrain<ITransferGrain>(transferId).Resume();
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // One that cannot finish now must not hold up the rest; it is found again next round.
                    LogResumeFailed(transferId, ex.Message);
                }
            }
            resumed += fresh.Length;
            if (stalled.Count < options.Value.BatchSize || fresh.Length == 0)
            {
                break;
            }
        }
        if (resumed > 0)
        {
            LogResumed(resumed);
        }
        return resumed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep could not finish transfer {TransferId} yet: {Error}")]
    private partial void LogResumeFailed(Guid transferId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep resumed {Count} transfer(s) left with funds reserved")]
    private partial void LogResumed(int count);
}
