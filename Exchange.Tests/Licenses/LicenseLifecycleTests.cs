using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Tests.Licenses;

public sealed class LicenseLifecycleTests
{
    [Theory]
    [InlineData(LicenseStatus.Draft, LicenseTrigger.Submit, LicenseStatus.ConsentsPending)]
    [InlineData(LicenseStatus.Draft, LicenseTrigger.Terminate, LicenseStatus.Terminated)]
    [InlineData(LicenseStatus.ConsentsPending, LicenseTrigger.Activate, LicenseStatus.Active)]
    [InlineData(LicenseStatus.Active, LicenseTrigger.Default, LicenseStatus.Suspended)]
    [InlineData(LicenseStatus.Suspended, LicenseTrigger.Cure, LicenseStatus.Active)]
    [InlineData(LicenseStatus.Suspended, LicenseTrigger.Expire, LicenseStatus.Expired)]
    [InlineData(LicenseStatus.Active, LicenseTrigger.Terminate, LicenseStatus.Terminated)]
    [InlineData(LicenseStatus.Active, LicenseTrigger.Expire, LicenseStatus.Expired)]
    [InlineData(LicenseStatus.Expired, LicenseTrigger.Expire, LicenseStatus.Expired)]
    public void Allowed(LicenseStatus from, LicenseTrigger trigger, LicenseStatus to)
    {
        var status = from;
        new LicenseLifecycle(() => status, s => status = s, () => true).TryFire(trigger);
        Assert.Equal(to, status);
    }

    [Theory]
    [InlineData(LicenseStatus.Draft, LicenseTrigger.Activate)]
    [InlineData(LicenseStatus.Draft, LicenseTrigger.Expire)]
    [InlineData(LicenseStatus.ConsentsPending, LicenseTrigger.Default)]
    [InlineData(LicenseStatus.Active, LicenseTrigger.Cure)]
    [InlineData(LicenseStatus.Terminated, LicenseTrigger.Submit)]
    [InlineData(LicenseStatus.Expired, LicenseTrigger.Cure)]
    public void Forbidden(LicenseStatus from, LicenseTrigger trigger)
    {
        var status = from;
        Assert.Throws<DomainException>(() => new LicenseLifecycle(() => status, s => status = s, () => true).TryFire(trigger));
        Assert.Equal(from, status);
    }

    [Fact]
    public void ActivationWithoutEveryConsent_IsRefused()
    {
        var status = LicenseStatus.ConsentsPending;
        var error = Assert.Throws<DomainException>(() => new LicenseLifecycle(() => status, s => status = s, () => false).TryFire(LicenseTrigger.Activate));
        Assert.Equal(DomainErrors.ConsentMissing, error.Error);
    }
}
