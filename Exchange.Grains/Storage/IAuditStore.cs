using Exchange.Grains.Audit;

namespace Exchange.Grains.Storage;

/// <summary>The audit trail: who changed which object, how and when.</summary>
public interface IAuditStore
{
    /// <summary>Appends an entry; an entry whose id is already stored is ignored, so retries append once.</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default);
}
