using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Tests.Participants;

public sealed class ParticipantRulesTests
{
    private static RegisterParticipant Valid() => new("Acme Patents Ltd.", ParticipantKind.Enterprise,
        CreditCodeRules.CompleteUnifiedSocialCreditCode("91110108MA01ACME1"), ParticipantRoles.Owner, true, true);

    [Fact]
    public void ValidRegistration_IsNormalized() =>
        Assert.Equal("Acme Patents Ltd.", ParticipantRules.Validate(Valid() with { LegalName = "  Acme Patents Ltd. " }).LegalName);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankLegalName_IsRefused(string name) =>
        Assert.Equal("legalName", Assert.Throws<DomainException>(() => ParticipantRules.Validate(Valid() with { LegalName = name })).Field);

    [Fact]
    public void OverlongLegalName_IsRefused() =>
        Assert.Equal("legalName", Assert.Throws<DomainException>(() => ParticipantRules.Validate(Valid() with { LegalName = new string('a', 201) })).Field);

    [Fact]
    public void NoRoles_IsRefused() =>
        Assert.Equal("roles", Assert.Throws<DomainException>(() => ParticipantRules.Validate(Valid() with { Roles = ParticipantRoles.None })).Field);

    [Fact]
    public void UnknownKind_IsRefused() =>
        Assert.Equal("kind", Assert.Throws<DomainException>(() => ParticipantRules.Validate(Valid() with { Kind = (ParticipantKind)42 })).Field);
}
