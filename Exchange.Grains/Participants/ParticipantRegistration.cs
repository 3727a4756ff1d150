namespace Exchange.Grains.Participants;

/// <summary>
/// A participant's registered details as stored: its own type, not the request (renaming a request field must not
/// break stored rows). The JSON property names are the storage contract.
/// </summary>
public sealed record ParticipantRegistration(
    string LegalName,
    ParticipantKind Kind,
    string CreditCode,
    ParticipantRoles Roles,
    bool IsDomestic,
    bool IsSmallEntity)
{
    public static ParticipantRegistration From(RegisterParticipant validated) =>
        new(validated.LegalName, validated.Kind, validated.CreditCode, validated.Roles, validated.IsDomestic, validated.IsSmallEntity);
}
