using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Idempotency;

[StatelessWorker]
[GrainType("idempotency")]
internal sealed class IdempotencyGrain(IExchangeStore store) : Grain, IIdempotencyGrain
{
    public Task<IdempotencyRecord?> Find(string scope, string key) => store.FindIdempotencyRecordAsync(scope, key);

    public Task<IdempotencyRecord> Save(IdempotencyRecord record) => store.SaveIdempotencyRecordAsync(record);
}
