using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;

namespace Exchange.Tests.Patents;

public sealed class LicenseClaimRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly LicenseScope Scope = new(new DateOnly(2026, 12, 1), new DateOnly(2028, 12, 1), ["CN"], ["H01M"]);

    private static ClaimedLicense Claimed(LicenseType type, ClaimStage stage, TimeSpan ago = default) => new(Guid.NewGuid(), type, Scope, stage, Now - ago);

    [Fact]
    public void ProvisionalClaim_IsHeldOnlyForItsLifetime_ConfirmedOnesForever()
    {
        Assert.True(LicenseClaimRules.IsHeld(Claimed(LicenseType.Exclusive, ClaimStage.Provisional, TimeSpan.FromMinutes(9)), Now));
        Assert.False(LicenseClaimRules.IsHeld(Claimed(LicenseType.Exclusive, ClaimStage.Provisional, LicenseClaimRules.ProvisionalLifetime), Now));
        Assert.True(LicenseClaimRules.IsHeld(Claimed(LicenseType.Exclusive, ClaimStage.InEffect, TimeSpan.FromDays(900)), Now));
        Assert.True(LicenseClaimRules.IsHeld(Claimed(LicenseType.Exclusive, ClaimStage.AwaitingConsents, TimeSpan.FromDays(20)), Now));
    }

    [Theory]
    [InlineData(LicenseType.Exclusive, ClaimStage.AwaitingConsents, true)]
    [InlineData(LicenseType.Sole, ClaimStage.Provisional, true)]
    [InlineData(LicenseType.Exclusive, ClaimStage.InEffect, false)]
    [InlineData(LicenseType.Ordinary, ClaimStage.AwaitingConsents, false)]
    public void TransferIsRefused_WhileAnExclusiveOrSoleLicenceIsStillBeingAgreed(LicenseType type, ClaimStage stage, bool refused)
    {
        var refusal = LicenseClaimRules.TransferRefusal("201710601862.3", [Claimed(type, stage)]);
        Assert.Equal(refused, refusal is not null);
        Assert.True(refusal is null || refusal.Error == DomainErrors.LicenseConsentsPending);
    }

    [Fact]
    public void ExclusiveClaim_IsRefusedDuringATransfer_OverAnOpenLicence_AndOverAnOverlap_NamingTheLicence()
    {
        var claim = new LicenseClaim(Guid.NewGuid(), LicenseType.Exclusive, Scope);
        Assert.Equal(DomainErrors.PatentTransferPending, LicenseClaimRules.Refusal("n", claim, [], Guid.NewGuid(), false)!.Error);
        Assert.Equal(DomainErrors.LicenseConflict, LicenseClaimRules.Refusal("n", claim, [], null, true)!.Error);
        var held = Claimed(LicenseType.Ordinary, ClaimStage.InEffect);
        Assert.Contains(held.LicenseId.ToString(), LicenseClaimRules.Refusal("n", claim, [held], null, false)!.Message);
        Assert.Null(LicenseClaimRules.Refusal("n", claim with { Type = LicenseType.Ordinary }, [held], Guid.NewGuid(), true));
    }
}
