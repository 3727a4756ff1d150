namespace Exchange.Grains.Participants;

[GenerateSerializer, Immutable]
public sealed record ParticipantSnapshot(
    [property: Id(0)] Guid ParticipantId,
    [property: Id(1)] string LegalName,
    [property: Id(2)] ParticipantKind Kind,
    [property: Id(3)] string CreditCode,
    [property: Id(4)] ParticipantRoles Roles,
    [property: Id(5)] bool IsDomestic,
    [property: Id(6)] bool IsSmallEntity,
    [property: Id(7)] KycStatus KycStatus,
    [property: Id(8)] DateTimeOffset RegisteredAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] Licenses.RemunerationPolicy RemunerationPolicy)
{
    public bool MayMoveMoney => KycLifecycle.MayMoveMoney(KycStatus);
}
