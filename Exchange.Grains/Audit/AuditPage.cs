namespace Exchange.Grains.Audit;

[GenerateSerializer, Immutable]
public sealed record AuditPage([property: Id(0)] IReadOnlyList<AuditEntry> Entries, [property: Id(1)] long? NextCursor);
