using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Api.Participants;

public static class RoleNames
{
    public static string[] Of(ParticipantRoles roles) =>
        Enum.GetValues<ParticipantRoles>().Where(r => r != ParticipantRoles.None && roles.HasFlag(r)).Select(r => r.ToString()).ToArray();

    public static ParticipantRoles Parse(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "At least one role is required.", "roles");
        }
        var roles = ParticipantRoles.None;
        foreach (var name in names)
        {
            if (!Enum.TryParse<ParticipantRoles>(name, ignoreCase: false, out var role) || role == ParticipantRoles.None || !Enum.IsDefined(role))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"'{name}' is not a role. Roles: {string.Join(", ", Of((ParticipantRoles)~0))}.", "roles");
            }
            roles |= role;
        }
        return roles;
    }
}
