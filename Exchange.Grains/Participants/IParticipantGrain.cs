using Orleans.Concurrency;
using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

/// <summary>
/// A participant of the exchange (domain.md §1): a company, university, bank, government body or person with
/// roles, a credit code, residence and small-entity status, and the operator's KYC decision, which gates every
/// movement of its money. Keyed by the participant id.
/// </summary>
[Alias("exchange.participant")]
public interface IParticipantGrain : IGrainWithGuidKey
{
    /// <summary>Registers the participant; repeating the same registration returns it unchanged.</summary>
    [Alias("register")]
    Task<ParticipantSnapshot> Register(RegisterParticipant command, Actor actor);

    [Alias("get")]
    [AlwaysInterleave]
    Task<ParticipantSnapshot?> TryGet();

    /// <summary>
    /// Sets how this owner remunerates the inventors of its service inventions out of licence income: an agreed
    /// percentage, the statutory floor (the default when nothing was agreed), or the legacy 10%.
    /// </summary>
    [Alias("set-remuneration-policy")]
    Task<ParticipantSnapshot> SetRemunerationPolicy(Licenses.RemunerationPolicy policy, Actor actor);

    /// <summary>Records the operator's KYC decision.</summary>
    [Alias("decide-kyc")]
    Task<ParticipantSnapshot> DecideKyc(KycDecision decision, string reason, Actor actor);
}
