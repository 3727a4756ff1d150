using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Storage;

/// <summary>The first outcome of each command under its client's Idempotency-Key.</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the record unless one exists for the same scope and key; returns whichever is stored, and whether this
    /// save stored it. A record the ledger committed for the same request and that still awaits its response
    /// (<see cref="IdempotencyRecord.IsAwaitingResponse"/>) is completed with this one's response.
    /// </summary>
    Task<IdempotencySave> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Deletes at most <paramref name="limit"/> records created before <paramref name="createdBefore"/>; returns how many.</summary>
    Task<int> PurgeIdempotencyRecordsAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default);
}
