using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Api.Participants;

public static class RoleNames
{
    /// <summary>As many as there are roles (a test keeps it so): a longer list repeats one.</summary>
    public const int MaxRoles = 11;

    public const int MaxNameLength = 30;

    /// <summary>A role's name, in any case ("investor" is "Investor"), never a number.</summary>
    public const string Pattern = "^[A-Za-z]+$";

    public static string[] Of(ParticipantRoles roles) =>
        Enum.GetValues<ParticipantRoles>().Where(r => r != ParticipantRoles.None && roles.HasFlag(r)).Select(r => r.ToString()).ToArray();

    public static ParticipantRoles Parse(string[]? names)
    {
        if (names is null || names.Length == 0 || names.Length > MaxRoles)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Name 1–{MaxRoles} roles.", "roles");
        }
        var roles = ParticipantRoles.None;
        foreach (var name in names)
        {
            // Case-insensitive, as the participant's kind is; but a name, not a number ("4" is not a role).
            if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]) || !Enum.TryParse<ParticipantRoles>(name, ignoreCase: true, out var role)
                || role == ParticipantRoles.None || !Enum.IsDefined(role))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"'{name}' is not a role. Roles: {string.Join(", ", Of((ParticipantRoles)~0))}.", "roles");
            }
            roles |= role;
        }
        return roles;
    }
}
