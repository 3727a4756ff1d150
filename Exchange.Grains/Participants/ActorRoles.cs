using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

/// <summary>What an actor's roles (as the API stamped them from the caller's token) allow.</summary>
public static class ActorRoles
{
    public static ParticipantRoles RolesOf(this Actor actor) =>
        Enum.TryParse<ParticipantRoles>(actor.Roles, ignoreCase: false, out var roles) ? roles : ParticipantRoles.None;

    /// <summary>The platform operator acts for the patent office (and the exchange itself acts as one).</summary>
    public static bool IsOperator(this Actor actor) => actor == Actor.System || (actor.RolesOf() & ParticipantRoles.Operator) != 0;
}
