using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

/// <summary>What other slices ask of participants (each answered from its participant grain's snapshot).</summary>
internal static class ParticipantDirectory
{
    public static async Task<ParticipantSnapshot> RequireAsync(IGrainFactory grains, Guid participantId, string field, string message) =>
        await grains.GetGrain<IParticipantGrain>(participantId).TryGet() ?? throw new DomainException(DomainErrors.ParticipantNotFound, message, field);

    /// <summary>How many of the participants qualify as small entities (for the fee reduction).</summary>
    public static async Task<int> SmallEntitiesAmongAsync(IGrainFactory grains, IEnumerable<Guid> participantIds)
    {
        var count = 0;
        foreach (var id in participantIds)
        {
            count += await grains.GetGrain<IParticipantGrain>(id).TryGet() is { IsSmallEntity: true } ? 1 : 0;
        }
        return count;
    }

    /// <summary>A registered participant with the role, or a refusal naming the field.</summary>
    public static async Task<ParticipantSnapshot> RequireRoleAsync(IGrainFactory grains, Guid participantId, ParticipantRoles role, string field, string what)
    {
        var participant = await grains.GetGrain<IParticipantGrain>(participantId).TryGet();
        return participant is not null && (participant.Roles & role) != 0 ? participant
            : throw new DomainException(DomainErrors.InvalidInput, $"Participant {participantId} is not a registered {what}.", field);
    }
}
