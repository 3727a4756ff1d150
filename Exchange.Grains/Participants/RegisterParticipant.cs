namespace Exchange.Grains.Participants;

[GenerateSerializer, Immutable]
public sealed record RegisterParticipant(
    [property: Id(0)] string LegalName,
    [property: Id(1)] ParticipantKind Kind,
    [property: Id(2)] string CreditCode,
    [property: Id(3)] ParticipantRoles Roles,
    [property: Id(4)] bool IsDomestic,
    [property: Id(5)] bool IsSmallEntity);
