using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Tests.Participants;

public sealed class KycLifecycleTests
{
    public static TheoryData<KycStatus, KycDecision, KycStatus> Allowed => new()
    {
        { KycStatus.Pending, KycDecision.Verify, KycStatus.Verified },
        { KycStatus.Pending, KycDecision.Reject, KycStatus.Rejected },
        { KycStatus.Rejected, KycDecision.Verify, KycStatus.Verified },
        { KycStatus.Verified, KycDecision.Suspend, KycStatus.Suspended },
        { KycStatus.Suspended, KycDecision.Reinstate, KycStatus.Verified },
        { KycStatus.Verified, KycDecision.Verify, KycStatus.Verified },
        { KycStatus.Suspended, KycDecision.Suspend, KycStatus.Suspended },
    };

    public static TheoryData<KycStatus, KycDecision> Forbidden => new()
    {
        { KycStatus.Pending, KycDecision.Suspend },
        { KycStatus.Pending, KycDecision.Reinstate },
        { KycStatus.Rejected, KycDecision.Suspend },
        { KycStatus.Verified, KycDecision.Reject },
        { KycStatus.Suspended, KycDecision.Verify },
        { KycStatus.Suspended, KycDecision.Reject },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedDecision_ReachesItsStatus(KycStatus from, KycDecision decision, KycStatus to)
    {
        var status = from;
        new KycLifecycle(() => status, s => status = s).Decide(decision);
        Assert.Equal(to, status);
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void ForbiddenDecision_IsRefused(KycStatus from, KycDecision decision)
    {
        var status = from;
        var error = Assert.Throws<DomainException>(() => new KycLifecycle(() => status, s => status = s).Decide(decision));
        Assert.Equal(DomainErrors.InvalidKycChange, error.Error);
        Assert.Equal(from, status);
    }
}
