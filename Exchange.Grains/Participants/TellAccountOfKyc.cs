using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Participants;

/// <summary>The participant's account learns its owner's KYC status, so that a suspension stops debits at once.</summary>
public sealed record TellAccountOfKyc(Guid ParticipantId, KycStatus Status, long Change) : FollowUp
{
    public override string Id => $"account-kyc:{ParticipantId:N}:{Change}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(ParticipantId)).OwnerKycChanged(Status));
}
