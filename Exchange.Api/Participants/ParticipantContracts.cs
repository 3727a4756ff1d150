using Exchange.Grains.Participants;

namespace Exchange.Api.Participants;

/// <summary>A participant to register (domain.md §1). Roles are names such as "Agency" or "Investor".</summary>
public sealed record RegisterParticipantRequest(
    string LegalName,
    ParticipantKind Kind,
    string CreditCode,
    string[] Roles,
    bool IsDomestic,
    bool IsSmallEntity);

/// <summary>
/// How an owner remunerates its service inventions' inventors: "agreed" with its <c>AgreedPercent</c>, or
/// "statutoryFloor" or "legacy", which fix the share themselves and take no percentage.
/// </summary>
public sealed record RemunerationPolicyRequest(Exchange.Grains.Licenses.RemunerationBasis Basis, decimal? AgreedPercent = null);

/// <summary>The operator's KYC decision, with the reason recorded in the audit trail.</summary>
public sealed record KycDecisionRequest(KycDecision Decision, string? Reason = null);

public sealed record ParticipantResponse(
    Guid ParticipantId,
    string LegalName,
    ParticipantKind Kind,
    string CreditCode,
    string[] Roles,
    bool IsDomestic,
    bool IsSmallEntity,
    KycStatus KycStatus,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    Exchange.Grains.Licenses.RemunerationBasis RemunerationBasis,
    decimal RemunerationPercent)
{
    public static ParticipantResponse From(ParticipantSnapshot p) => new(
        p.ParticipantId, p.LegalName, p.Kind, p.CreditCode, RoleNames.Of(p.Roles), p.IsDomestic, p.IsSmallEntity, p.KycStatus, p.RegisteredAt, p.UpdatedAt,
        p.RemunerationPolicy.Basis, p.RemunerationPolicy.BasisPoints / 100m);
}
