using System.Security.Claims;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Api.Infrastructure;

/// <summary>The authenticated participant behind a request, read from its bearer token.</summary>
public sealed record Caller(Guid ParticipantId, ParticipantRoles Roles)
{
    public const string RolesClaim = "roles";

    /// <summary>The platform operator and the regulator see everything (domain.md §1).</summary>
    public bool IsStaff => (Roles & (ParticipantRoles.Operator | ParticipantRoles.Regulator)) != 0;

    public Actor Actor => new(ParticipantId, Roles.ToString());

    public static Caller From(ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        if (!Guid.TryParse(subject, out var participantId))
        {
            throw new DomainException(DomainErrors.Forbidden, "The bearer token names no participant.");
        }
        var roles = ParticipantRoles.None;
        foreach (var claim in user.FindAll(RolesClaim).Concat(user.FindAll(ClaimTypes.Role)))
        {
            if (Enum.TryParse<ParticipantRoles>(claim.Value, ignoreCase: false, out var role))
            {
                roles |= role;
            }
        }
        return new Caller(participantId, roles);
    }

    public void RequireRole(ParticipantRoles role, string action)
    {
        if ((Roles & role) == 0)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {ParticipantId} may not {action}: it needs the {role} role.");
        }
    }

    public void RequireSelfOrStaff(Guid participantId, string action)
    {
        if (participantId != ParticipantId && !IsStaff)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {ParticipantId} may not {action} of participant {participantId}.");
        }
    }

    public void RequireSelf(Guid participantId, string action)
    {
        if (participantId != ParticipantId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {ParticipantId} may not {action} for participant {participantId}.");
        }
    }
}
