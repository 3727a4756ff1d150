using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Makes sure the platform operator exists and is verified, so that a fresh exchange has someone who can
/// register the first participants. Idempotent: every start repeats the same commands.
/// </summary>
public static class PlatformBootstrap
{
    public static readonly Guid OperatorId = DeterministicId.From("platform-operator");

    public static readonly RegisterParticipant Operator = new(
        "IP Exchange Platform Operator", ParticipantKind.Enterprise,
        CreditCodeRules.CompleteUnifiedSocialCreditCode("91110000MA01EXCHG"),
        ParticipantRoles.Operator, IsDomestic: true, IsSmallEntity: false);

    public static async Task EnsureOperatorAsync(IGrainFactory grains)
    {
        var grain = grains.GetGrain<IParticipantGrain>(OperatorId);
        await grain.Register(Operator, Actor.System);
        await grain.DecideKyc(KycDecision.Verify, "platform operator", Actor.System);
    }
}
