using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

/// <summary>Validation of a registration, before anything is stored.</summary>
public static class ParticipantRules
{
    public const int MaxLegalNameLength = 200;
    public const int MaxKycReasonLength = 500;

    public static RegisterParticipant Validate(RegisterParticipant command)
    {
        var name = TextRules.Required(command.LegalName, "legalName", "legal name", MaxLegalNameLength);
        if (!Enum.IsDefined(command.Kind))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Unknown participant kind {(int)command.Kind}.", "kind");
        }
        if (command.Roles == ParticipantRoles.None || (command.Roles & ~AllRoles) != 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "At least one known role is required.", "roles");
        }
        var code = CreditCodeRules.Validate(command.CreditCode, command.Kind, command.IsDomestic);
        return command with { LegalName = name, CreditCode = code };
    }

    private static readonly ParticipantRoles AllRoles = Enum.GetValues<ParticipantRoles>().Aggregate((a, b) => a | b);
}
