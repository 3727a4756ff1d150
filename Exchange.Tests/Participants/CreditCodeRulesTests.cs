using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Tests.Participants;

public sealed class CreditCodeRulesTests
{
    [Fact]
    public void CompletedUscc_IsValid_AndItsCheckCharacterMatchesThePublishedExample()
    {
        Assert.Equal("91350100M000100Y43", CreditCodeRules.CompleteUnifiedSocialCreditCode("91350100M000100Y4"));
        Assert.True(CreditCodeRules.IsValidUnifiedSocialCreditCode(CreditCodeRules.CompleteUnifiedSocialCreditCode("91110000MA01EXCHG")));
    }

    [Fact]
    public void PublishedUsccExample_HasTheRightCheckCharacter() =>
        Assert.True(CreditCodeRules.IsValidUnifiedSocialCreditCode("91350100M000100Y43"));

    [Fact]
    public void UsccWithWrongCheckCharacter_IsRefused() =>
        Assert.False(CreditCodeRules.IsValidUnifiedSocialCreditCode("91350100M000100Y44"));

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100I43")]
    public void UsccWithWrongLengthOrForbiddenLetter_IsRefused(string code) =>
        Assert.False(CreditCodeRules.IsValidUnifiedSocialCreditCode(code));

    [Fact]
    public void ResidentId_PublishedExample_IsAccepted() =>
        Assert.True(CreditCodeRules.IsValidResidentId("11010519491231002X"));

    [Fact]
    public void ResidentId_WrongCheck_IsRefused() =>
        Assert.False(CreditCodeRules.IsValidResidentId("110105194912310021"));

    [Fact]
    public void DomesticEnterprise_WithBadCode_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<DomainException>(() => CreditCodeRules.Validate("91350100M000100Y44", ParticipantKind.Enterprise, isDomestic: true));
        Assert.Equal("creditCode", error.Field);
        Assert.Contains("check character", error.Message);
    }

    [Fact]
    public void ForeignParticipant_RegistrationNumber_IsCheckedForShapeOnly()
    {
        Assert.Equal("HRB-12345", CreditCodeRules.Validate(" hrb-12345 ", ParticipantKind.Enterprise, isDomestic: false));
        Assert.Throws<DomainException>(() => CreditCodeRules.Validate("bad code!", ParticipantKind.Enterprise, isDomestic: false));
    }
}
