namespace Exchange.Grains.Audit;

/// <summary>Reads the audit trail of one object: every state change, who made it and when.</summary>
[Alias("exchange.audit-trail")]
public interface IAuditTrailGrain : IGrainWithIntegerKey
{
    [Alias("read")]
    Task<AuditPage> Read(string objectId, long afterSequence, int limit);
}
