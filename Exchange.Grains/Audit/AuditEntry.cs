namespace Exchange.Grains.Audit;

/// <summary>
/// Who did what to which object, and when. The id is derived from the command, so a retried command
/// re-appends the same entry and the store keeps one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string ObjectId,
    [property: Id(2)] string Action,
    [property: Id(3)] Guid ActorId,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Details);
