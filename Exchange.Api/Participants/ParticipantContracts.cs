using Exchange.Grains.Participants;

namespace Exchange.Api.Participants;

/// <summary>A participant to register (domain.md §1). Roles are names such as "Agency" or "Investor".</summary>
public sealed record RegisterParticipantRequest(
    [property: Text(ParticipantRules.MaxLegalNameLength)] string LegalName,
    ParticipantKind Kind,
    [property: Text(CreditCodeRules.MaxForeignCodeLength, Pattern = RegisterParticipantRequest.CreditCodePattern)] string CreditCode,
    [property: Items(1, RoleNames.MaxRoles, ItemMaxLength = RoleNames.MaxNameLength, ItemPattern = RoleNames.Pattern)] string[] Roles,
    bool IsDomestic,
    bool IsSmallEntity)
{
    /// <summary>An 18-character unified social credit code or resident identity number, or a foreign registration number.</summary>
    public const string CreditCodePattern = "^[0-9A-Za-z-]+$";

    public static RegisterParticipantRequest Example => new("Shenzhen Bright Optics Co., Ltd.", ParticipantKind.Enterprise,
        CreditCodeRules.CompleteUnifiedSocialCreditCode("91440300MA5EXAMP1"), ["Owner", "Licensee"], IsDomestic: true, IsSmallEntity: true);
}

/// <summary>
/// How an owner remunerates its service inventions' inventors: "agreed" with its <c>AgreedPercent</c>, or
/// "statutoryFloor" or "legacy", which fix the share themselves and take no percentage.
/// </summary>
public sealed record RemunerationPolicyRequest(Exchange.Grains.Licenses.RemunerationBasis Basis, [property: Percent(100)] decimal? AgreedPercent = null)
{
    public static RemunerationPolicyRequest Example => new(Exchange.Grains.Licenses.RemunerationBasis.Agreed, 30m);
}

/// <summary>The operator's KYC decision, with the reason recorded in the audit trail.</summary>
public sealed record KycDecisionRequest(KycDecision Decision, [property: Text(ParticipantRules.MaxKycReasonLength, Optional = true, Printable = false)] string? Reason = null)
{
    public static KycDecisionRequest Example => new(KycDecision.Verify, "business licence and legal representative's identity checked");
}

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
