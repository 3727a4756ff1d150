using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Audit;

[StatelessWorker]
[GrainType("audit-trail")]
internal sealed class AuditTrailGrain(IAuditStore store) : Grain, IAuditTrailGrain
{
    public Task<AuditPage> Read(string objectId, long afterSequence, int limit) => store.ReadAuditAsync(objectId, afterSequence, limit);
}
