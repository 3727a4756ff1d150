using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;

namespace Exchange.Tests.Common;

/// <summary>What each status allows is checked by the lifecycles themselves: the checks, the refusals and their types.</summary>
public sealed class LifecycleChecksTests
{
    [Theory]
    [InlineData(LegalStatus.InForce, true)]
    [InlineData(LegalStatus.Restored, true)]
    [InlineData(LegalStatus.Pending, false)]
    [InlineData(LegalStatus.GracePeriod, false)]
    [InlineData(LegalStatus.Lapsed, false)]
    [InlineData(LegalStatus.Invalidated, false)]
    public void OnlyAPatentInForce_IsLicensedTransferredOrOfferedOpenly(LegalStatus status, bool allowed)
    {
        var patent = new PatentLifecycle(() => status, _ => { }, () => null, "Patent 201710601862.3");
        Assert.Equal(allowed, patent.CanBeLicensed);
        Assert.Equal(allowed, patent.CanBeTransferred);
        if (!allowed)
        {
            var refusal = Assert.Throws<DomainException>(patent.EnsureMayBeLicensed);
            Assert.Equal(DomainErrors.PatentNotInForce, refusal.Error);
            Assert.Contains($"Patent 201710601862.3 is {PatentLifecycle.Describe(status)}; a patent can be licensed only while it is in force", refusal.Message);
            Assert.Equal(DomainErrors.PatentNotInForce, Assert.Throws<DomainException>(patent.EnsureMayBeTransferred).Error);
            Assert.Equal(DomainErrors.PatentNotInForce, Assert.Throws<DomainException>(patent.EnsureMayOfferOpenLicense).Error);
        }
    }

    [Theory]
    [InlineData(LegalStatus.InForce, true)]
    [InlineData(LegalStatus.GracePeriod, true)]
    [InlineData(LegalStatus.Lapsed, false)]
    [InlineData(LegalStatus.Expired, false)]
    public void AnnualFees_ArePaidInForceOrInTheGracePeriod(LegalStatus status, bool allowed)
    {
        var patent = new PatentLifecycle(() => status, _ => { }, () => null);
        Assert.Equal(allowed, patent.CanFire(LegalStatusTrigger.PayFee));
    }

    [Fact]
    public void RestorationAfterItsWindow_IsRefused_NamingTheWindow()
    {
        var status = LegalStatus.Lapsed;
        var patent = new PatentLifecycle(() => status, s => status = s, () => new DateOnly(2026, 1, 10));
        patent.EnsureMayRestore(new DateOnly(2026, 3, 10));
        Assert.Contains("within 2 months", Assert.Throws<DomainException>(() => patent.EnsureMayRestore(new DateOnly(2026, 3, 11))).Message);
        Assert.Equal(LegalStatus.Lapsed, status);
    }

    [Theory]
    [InlineData(LicenseStatus.Active, true, true)]
    [InlineData(LicenseStatus.Suspended, true, true)]
    [InlineData(LicenseStatus.Terminated, true, true)]
    [InlineData(LicenseStatus.Terminated, false, false)]
    [InlineData(LicenseStatus.ConsentsPending, false, false)]
    public void RoyaltiesAreReported_ForEveryLicenceThatTookEffect_AlsoAfterItEnded(LicenseStatus status, bool tookEffect, bool allowed)
    {
        var licence = new LicenseLifecycle(() => status, _ => { }, () => true, () => tookEffect);
        if (allowed)
        {
            licence.EnsureMayReport();
        }
        else
        {
            Assert.Equal(DomainErrors.InvalidTransition, Assert.Throws<DomainException>(licence.EnsureMayReport).Error);
        }
    }

    [Fact]
    public void ConsentAfterTheTermRanOut_IsRefused_AndActivationWithoutEveryConsent_IsConsentMissing()
    {
        var status = LicenseStatus.ConsentsPending;
        var running = false;
        var licence = new LicenseLifecycle(() => status, s => status = s, () => false, termRunning: () => running);
        Assert.Contains("term has not run out", Assert.Throws<DomainException>(licence.EnsureMayConsent).Message);
        running = true;
        licence.EnsureMayConsent();
        Assert.Equal(DomainErrors.ConsentMissing, Assert.Throws<DomainException>(licence.Activate).Error);
        Assert.False(licence.CanActivate);
    }

    [Fact]
    public void OfferPastItsDate_CannotBeAccepted_AndTheCheckMovesNothing()
    {
        var status = OfferStatus.Submitted;
        var withinDates = false;
        var offer = new OfferLifecycle(() => status, s => status = s, () => withinDates);
        Assert.Contains("expired", Assert.Throws<DomainException>(() => offer.EnsureMayAccept(byLister: true)).Message);
        Assert.Equal(OfferStatus.Submitted, status);
        Assert.Equal(DomainErrors.InvalidTransition, Assert.Throws<DomainException>(() => offer.EnsureMayAccept(byLister: false)).Error);
        withinDates = true;
        offer.EnsureMayAccept(byLister: true);
        offer.Accept(byLister: true);
        Assert.Equal(OfferStatus.Accepted, status);
    }

    [Fact]
    public void ClosedListing_TakesNoOffers()
    {
        var listing = new ListingLifecycle(() => ListingStatus.Closed, _ => { }, "Listing L");
        Assert.False(listing.IsOpen);
        Assert.Equal("Listing L is closed by a deal; it takes no offers and accepts none.", Assert.Throws<DomainException>(listing.EnsureTakesOffers).Message);
        Assert.False(listing.WithdrawIfOpen());
    }

    [Theory]
    [InlineData(PatentTransferStatus.Proposed, true)]
    [InlineData(PatentTransferStatus.Consented, true)]
    [InlineData(PatentTransferStatus.FundsInEscrow, true)]
    [InlineData(PatentTransferStatus.Recorded, false)]
    [InlineData(PatentTransferStatus.Cancelled, false)]
    public void PatentTransfer_IsOpen_UntilRecordedOrCancelled(PatentTransferStatus status, bool open) =>
        Assert.Equal(open, new PatentTransferLifecycle(() => status, _ => { }, () => true).IsOpen);

    [Fact]
    public void EscrowBeforeEveryConsent_IsConsentMissing_WithoutMoving()
    {
        var status = PatentTransferStatus.Proposed;
        var transfer = new PatentTransferLifecycle(() => status, s => status = s, () => true);
        Assert.Equal(DomainErrors.ConsentMissing, Assert.Throws<DomainException>(transfer.EnsureMayEscrow).Error);
        Assert.Equal(PatentTransferStatus.Proposed, status);
    }
}
