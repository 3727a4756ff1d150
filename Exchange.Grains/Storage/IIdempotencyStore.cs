using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Storage;

/// <summary>The first outcome of each command under its client's Idempotency-Key.</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the record unless one exists for the same scope and key; returns whichever is stored.</summary>
    Task<IdempotencyRecord> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);
}
