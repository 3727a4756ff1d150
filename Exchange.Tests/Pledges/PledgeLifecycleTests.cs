using Exchange.Grains.Common;
using Exchange.Grains.Pledges;

namespace Exchange.Tests.Pledges;

public sealed class PledgeLifecycleTests
{
    private static (PledgeLifecycle Lifecycle, Func<PledgeStatus> Status) At(PledgeStatus from, bool pledgesRoyalties = true)
    {
        var status = from;
        return (new PledgeLifecycle(() => status, s => status = s, () => pledgesRoyalties, "Pledge P-1"), () => status);
    }

    public static TheoryData<PledgeStatus, PledgeTrigger, PledgeStatus> Allowed => new()
    {
        { PledgeStatus.Applied, PledgeTrigger.StartReview, PledgeStatus.UnderReview },
        { PledgeStatus.Applied, PledgeTrigger.Withdraw, PledgeStatus.Withdrawn },
        { PledgeStatus.UnderReview, PledgeTrigger.Register, PledgeStatus.Registered },
        { PledgeStatus.UnderReview, PledgeTrigger.Refuse, PledgeStatus.Refused },
        { PledgeStatus.UnderReview, PledgeTrigger.Withdraw, PledgeStatus.Withdrawn },
        { PledgeStatus.Registered, PledgeTrigger.RepayInFull, PledgeStatus.Released },
        { PledgeStatus.Registered, PledgeTrigger.Default, PledgeStatus.Defaulted },
        { PledgeStatus.Defaulted, PledgeTrigger.Cure, PledgeStatus.Registered },
        { PledgeStatus.Defaulted, PledgeTrigger.SweepRoyalties, PledgeStatus.RoyaltiesSwept },
        { PledgeStatus.Defaulted, PledgeTrigger.Enforce, PledgeStatus.Enforcing },
        { PledgeStatus.RoyaltiesSwept, PledgeTrigger.Cure, PledgeStatus.Registered },
        { PledgeStatus.RoyaltiesSwept, PledgeTrigger.Enforce, PledgeStatus.Enforcing },
        { PledgeStatus.Enforcing, PledgeTrigger.Close, PledgeStatus.Closed },
        { PledgeStatus.Enforcing, PledgeTrigger.RepayInFull, PledgeStatus.Released },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedStep_MovesTheStatus(PledgeStatus from, PledgeTrigger trigger, PledgeStatus to)
    {
        var (lifecycle, status) = At(from);
        Assert.True(lifecycle.TryFire(trigger));
        Assert.Equal(to, status());
    }

    /// <summary>Every pair not allowed and not an idempotent repeat is refused, in words, leaving the status as it was.</summary>
    [Fact]
    public void EveryOtherStep_IsRefused_OrIsARepeatThatChangesNothing()
    {
        var allowed = Allowed.Select(row => ((PledgeStatus)row[0], (PledgeTrigger)row[1])).ToHashSet();
        var repeats = new HashSet<(PledgeStatus, PledgeTrigger)>
        {
            (PledgeStatus.UnderReview, PledgeTrigger.StartReview), (PledgeStatus.Registered, PledgeTrigger.Register),
            (PledgeStatus.Registered, PledgeTrigger.Cure), (PledgeStatus.Defaulted, PledgeTrigger.Default),
            (PledgeStatus.RoyaltiesSwept, PledgeTrigger.Default), (PledgeStatus.RoyaltiesSwept, PledgeTrigger.SweepRoyalties),
            (PledgeStatus.Enforcing, PledgeTrigger.Enforce), (PledgeStatus.Refused, PledgeTrigger.Refuse),
            (PledgeStatus.Withdrawn, PledgeTrigger.Withdraw), (PledgeStatus.Released, PledgeTrigger.RepayInFull),
            (PledgeStatus.Closed, PledgeTrigger.Close),
            // Checks, not moves: repayments are taken while the loan runs.
            (PledgeStatus.Registered, PledgeTrigger.RecordRepayment), (PledgeStatus.Defaulted, PledgeTrigger.RecordRepayment),
            (PledgeStatus.RoyaltiesSwept, PledgeTrigger.RecordRepayment), (PledgeStatus.Enforcing, PledgeTrigger.RecordRepayment),
        };
        foreach (var from in Enum.GetValues<PledgeStatus>())
        {
            foreach (var trigger in Enum.GetValues<PledgeTrigger>())
            {
                if (allowed.Contains((from, trigger)))
                {
                    continue;
                }
                var (lifecycle, status) = At(from);
                if (repeats.Contains((from, trigger)))
                {
                    Assert.False(lifecycle.TryFire(trigger), $"{from} + {trigger} should change nothing");
                }
                else
                {
                    var refusal = Assert.Throws<DomainException>(() => lifecycle.TryFire(trigger));
                    Assert.Equal(DomainErrors.InvalidTransition, refusal.Error);
                    Assert.StartsWith($"Pledge P-1 is {PledgeLifecycle.Describe(from)}", refusal.Message);
                    Assert.DoesNotContain(trigger.ToString(), refusal.Message);
                }
                Assert.Equal(from, status());
            }
        }
    }

    [Fact]
    public void RoyaltiesAreSwept_OnlyWhenLicenceRoyaltiesArePledged()
    {
        var (lifecycle, status) = At(PledgeStatus.Defaulted, pledgesRoyalties: false);
        var refusal = Assert.Throws<DomainException>(() => lifecycle.SweepRoyalties());
        Assert.Contains("only when the collateral includes licence royalties", refusal.Message);
        Assert.Equal(PledgeStatus.Defaulted, status());
    }

    [Theory]
    [InlineData(PledgeStatus.Applied, true)]
    [InlineData(PledgeStatus.UnderReview, true)]
    [InlineData(PledgeStatus.Registered, true)]
    [InlineData(PledgeStatus.Defaulted, true)]
    [InlineData(PledgeStatus.RoyaltiesSwept, true)]
    [InlineData(PledgeStatus.Enforcing, true)]
    [InlineData(PledgeStatus.Refused, false)]
    [InlineData(PledgeStatus.Withdrawn, false)]
    [InlineData(PledgeStatus.Released, false)]
    [InlineData(PledgeStatus.Closed, false)]
    public void TheCollateral_IsLockedFromTheApplication_UntilThePledgeEnds(PledgeStatus status, bool locked)
    {
        Assert.Equal(locked, At(status).Lifecycle.LocksCollateral);
        Assert.Equal(!locked, At(status).Lifecycle.IsFinal);
    }

    [Fact]
    public void Repayments_AreTakenOnlyWhileTheLoanRuns()
    {
        At(PledgeStatus.Registered).Lifecycle.EnsureTakesRepayments();
        Assert.True(At(PledgeStatus.Defaulted).Lifecycle.TakesRepayments);
        var refusal = Assert.Throws<DomainException>(() => At(PledgeStatus.UnderReview).Lifecycle.EnsureTakesRepayments());
        Assert.Contains("can take repayments only while it is", refusal.Message);
    }
}
