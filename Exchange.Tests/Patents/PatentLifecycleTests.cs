using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Tests.Patents;

public sealed class PatentLifecycleTests
{
    private static (PatentLifecycle Lifecycle, Func<LegalStatus> Status) Start(LegalStatus from, DateOnly? lapseNotice = null)
    {
        var status = from;
        return (new PatentLifecycle(() => status, s => status = s, () => lapseNotice), () => status);
    }

    public static TheoryData<LegalStatus, LegalStatusTrigger, LegalStatus> Allowed => new()
    {
        { LegalStatus.Pending, LegalStatusTrigger.Grant, LegalStatus.InForce },
        { LegalStatus.InForce, LegalStatusTrigger.FeeOverdue, LegalStatus.GracePeriod },
        { LegalStatus.InForce, LegalStatusTrigger.TermEnded, LegalStatus.Expired },
        { LegalStatus.InForce, LegalStatusTrigger.Invalidate, LegalStatus.Invalidated },
        { LegalStatus.InForce, LegalStatusTrigger.FeePaid, LegalStatus.InForce },
        { LegalStatus.GracePeriod, LegalStatusTrigger.FeePaid, LegalStatus.InForce },
        { LegalStatus.GracePeriod, LegalStatusTrigger.GraceExpired, LegalStatus.Lapsed },
        { LegalStatus.GracePeriod, LegalStatusTrigger.TermEnded, LegalStatus.Expired },
        { LegalStatus.GracePeriod, LegalStatusTrigger.Invalidate, LegalStatus.Invalidated },
        { LegalStatus.Restored, LegalStatusTrigger.FeeOverdue, LegalStatus.GracePeriod },
        { LegalStatus.Restored, LegalStatusTrigger.TermEnded, LegalStatus.Expired },
        { LegalStatus.Lapsed, LegalStatusTrigger.Invalidate, LegalStatus.Invalidated },
        { LegalStatus.Lapsed, LegalStatusTrigger.TermEnded, LegalStatus.Lapsed },
        { LegalStatus.Expired, LegalStatusTrigger.Invalidate, LegalStatus.Invalidated },
        { LegalStatus.Invalidated, LegalStatusTrigger.Invalidate, LegalStatus.Invalidated },
    };

    public static TheoryData<LegalStatus, LegalStatusTrigger> Forbidden => new()
    {
        { LegalStatus.Pending, LegalStatusTrigger.FeeOverdue },
        { LegalStatus.Pending, LegalStatusTrigger.Invalidate },
        { LegalStatus.InForce, LegalStatusTrigger.Grant },
        { LegalStatus.InForce, LegalStatusTrigger.GraceExpired },
        { LegalStatus.GracePeriod, LegalStatusTrigger.Grant },
        { LegalStatus.Lapsed, LegalStatusTrigger.FeePaid },
        { LegalStatus.Lapsed, LegalStatusTrigger.Grant },
        { LegalStatus.Expired, LegalStatusTrigger.FeePaid },
        { LegalStatus.Expired, LegalStatusTrigger.FeeOverdue },
        { LegalStatus.Invalidated, LegalStatusTrigger.FeePaid },
        { LegalStatus.Invalidated, LegalStatusTrigger.Grant },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedTransition_ReachesItsStatus(LegalStatus from, LegalStatusTrigger trigger, LegalStatus to)
    {
        var (lifecycle, status) = Start(from);
        lifecycle.TryFire(trigger);
        Assert.Equal(to, status());
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void ForbiddenTransition_IsRefused_AndChangesNothing(LegalStatus from, LegalStatusTrigger trigger)
    {
        var (lifecycle, status) = Start(from);
        var error = Assert.Throws<DomainException>(() => lifecycle.TryFire(trigger));
        Assert.Equal(DomainErrors.InvalidPatentTransition, error.Error);
        Assert.Equal(from, status());
    }

    [Fact]
    public void Restoration_WithinTwoMonthsOfTheLapseNotice_RestoresAPatentInForce()
    {
        var (lifecycle, status) = Start(LegalStatus.Lapsed, lapseNotice: new DateOnly(2026, 3, 10));
        lifecycle.Restore(new DateOnly(2026, 5, 10));
        Assert.Equal(LegalStatus.Restored, status());
        Assert.True(lifecycle.IsInForce);
    }

    [Fact]
    public void Restoration_AfterTwoMonths_IsRefusedSayingWhy()
    {
        var (lifecycle, status) = Start(LegalStatus.Lapsed, lapseNotice: new DateOnly(2026, 3, 10));
        var error = Assert.Throws<DomainException>(() => lifecycle.Restore(new DateOnly(2026, 5, 11)));
        Assert.Contains("within 2 months of the lapse notice", error.Message);
        Assert.Equal(LegalStatus.Lapsed, status());
    }

    [Theory]
    [InlineData(LegalStatus.InForce)]
    [InlineData(LegalStatus.Expired)]
    public void Restoration_OfAPatentThatDidNotLapse_IsRefused(LegalStatus from) =>
        Assert.Throws<DomainException>(() => Start(from, new DateOnly(2026, 1, 1)).Lifecycle.Restore(new DateOnly(2026, 1, 2)));

    [Theory]
    [InlineData(LegalStatus.InForce, true)]
    [InlineData(LegalStatus.Restored, true)]
    [InlineData(LegalStatus.GracePeriod, false)]
    [InlineData(LegalStatus.Lapsed, false)]
    [InlineData(LegalStatus.Expired, false)]
    public void InForce_IncludesRestoredPatents(LegalStatus status, bool inForce) =>
        Assert.Equal(inForce, Start(status).Lifecycle.IsInForce);
}
