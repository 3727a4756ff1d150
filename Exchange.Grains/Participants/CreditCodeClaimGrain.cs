using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

[GrainType("credit-code-claim")]
internal sealed class CreditCodeClaimGrain(
    [PersistentState(StateNames.CreditCodeClaim, StateNames.StorageProvider)] IPersistentState<CreditCodeClaimState> claim)
    : Grain, ICreditCodeClaimGrain
{
    public async Task<Guid> Claim(Guid participantId)
    {
        if (claim.State.ParticipantId is { } holder)
        {
            return holder;
        }
        claim.State.ParticipantId = participantId;
        await claim.WriteStateAsync();
        return participantId;
    }
}

[GenerateSerializer]
internal sealed class CreditCodeClaimState
{
    [Id(0)] public Guid? ParticipantId { get; set; }
}
