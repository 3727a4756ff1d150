using Exchange.Grains.Common;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.Idempotency;

/// <summary>
/// Purges Idempotency-Key records older than their retention (domain.md §2: lists that grow with use are bounded),
/// in batches of a bounded size so that no purge holds a long transaction beside the ledger's group commits. Runs on
/// every silo; two purging at once delete disjoint rows or nothing. A key used again after its record expired is
/// refused for a ledger command whose posting it already names (the ledger sees the posting booked and no record).
/// </summary>
public sealed partial class IdempotencyExpiryService(
    IIdempotencyStore store,
    TimeProvider clock,
    IOptions<IdempotencyExpiryOptions> options,
    ILogger<IdempotencyExpiryService> logger) : PeriodicWorkService(logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override TimeSpan? FirstRoundAfter => null;

    protected override string WorkName => "Purging expired idempotency records";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Deletes every record created before now − retention, batch by batch; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = clock.GetUtcNow() - settings.Retention;
        var purged = 0;
        int deleted;
        do
        {
            deleted = await store.PurgeIdempotencyRecordsAsync(before, settings.PurgeBatchSize, cancellationToken);
            purged += deleted;
        }
        while (deleted == settings.PurgeBatchSize && !cancellationToken.IsCancellationRequested);
        if (purged > 0)
        {
            LogPurged(purged, before);
        }
        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} idempotency record(s) created before {Before:u}")]
    private partial void LogPurged(int count, DateTimeOffset before);
}
