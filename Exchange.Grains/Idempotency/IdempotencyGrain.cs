using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Idempotency;

/// <summary>
/// A pass-through to the store, on the silo so that an API running as a cluster client needs no database. Stateless
/// and reentrant: one activation per silo serves every request at once (a plain stateless worker allows one call
/// per core at a time, which queued every command of the API behind two database round trips).
/// </summary>
[StatelessWorker]
[Reentrant]
[GrainType("idempotency")]
internal sealed class IdempotencyGrain(IIdempotencyStore store) : Grain, IIdempotencyGrain
{
    public Task<IdempotencyRecord?> Find(string scope, string key) => store.FindIdempotencyRecordAsync(scope, key);

    public Task<IdempotencySave> Save(IdempotencyRecord record) => store.SaveIdempotencyRecordAsync(record);
}
