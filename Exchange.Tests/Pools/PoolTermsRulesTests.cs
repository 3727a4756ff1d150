using Exchange.Grains.Common;
using Exchange.Grains.Pools;
using static Exchange.Tests.Pools.SamplePool;

namespace Exchange.Tests.Pools;

/// <summary>Each rule of the engine's inputs, with the case that breaks it.</summary>
public sealed class PoolTermsRulesTests
{
    private static void AssertRefused(PoolTerms terms, string fragment)
    {
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(Terms()), FirstQuarter, Yuan(1_000m)));
        Assert.Equal(DomainErrors.InvalidPoolTerms, refusal.Error);
        Assert.Contains(fragment, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terms_ASampleOfEveryKind_AreAccepted() => PoolTermsRules.Validate(Terms(Trigger.Coverage("c", 1.2m, true), Trigger.MissedSeniorInterest("m", false)));

    [Fact]
    public void Terms_NegativeCoupon_AreRefused() =>
        AssertRefused(Terms() with { Tranches = [.. Terms().Tranches.Select(t => t.Id == "B" ? t with { AnnualCouponRate = -0.01m } : t)] }, "Tranche B's coupon");

    [Fact]
    public void Terms_CouponOfAHundredPercent_AreRefused() =>
        AssertRefused(Terms() with { Tranches = [.. Terms().Tranches.Select(t => t.Id == "A" ? t with { AnnualCouponRate = 1m } : t)] }, "Tranche A's coupon");

    [Fact]
    public void Terms_NegativeFeeRate_AreRefused() =>
        AssertRefused(Terms() with { Fees = [Fee.Fixed("trustee", Yuan(1m)), Fee.OnOutstanding("servicer", -0.001m)] }, "Fee servicer's rate");

    [Fact]
    public void Terms_NegativeFixedFee_AreRefused() =>
        AssertRefused(Terms() with { Fees = [Fee.Fixed("trustee", new Money(-1)), Fee.OnOutstanding("servicer", 0.001m)] }, "negative amount");

    [Fact]
    public void Terms_EmptyNormalWaterfall_AreRefused() => AssertRefused(Terms() with { NormalWaterfall = [] }, "normal waterfall has no steps");

    [Fact]
    public void Terms_EmptyAcceleratedWaterfall_AreRefused() => AssertRefused(Terms() with { AcceleratedWaterfall = [] }, "accelerated waterfall has no steps");

    [Fact]
    public void Terms_StepNamingAnUnknownTranche_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayInterest("A"), new PayPrincipal("Z", PrincipalBasis.BySchedule)] }, "Step 2 of the normal waterfall names tranche Z");

    [Fact]
    public void Terms_StepPayingAnUnknownFee_AreRefused() =>
        AssertRefused(Terms() with { AcceleratedWaterfall = [new PayFee("auditor")] }, "pays fee auditor");

    [Fact]
    public void Terms_StepNamingNoTranche_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayInterest([], PaymentOrder.ProRata)] }, "names no tranche");

    [Fact]
    public void Terms_StepNamingATrancheTwice_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayInterest(["A", "A"], PaymentOrder.Sequential)] }, "names a tranche twice");

    [Fact]
    public void Terms_ResidualBeforeTheLastStep_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayResidual("C"), new PayInterest("A")] }, "must be the last");

    [Fact]
    public void Terms_TwoReserveDraws_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayInterest("A"), new DrawReserveForShortfall(), new PayInterest("B"), new DrawReserveForShortfall()] }, "a second time");

    [Fact]
    public void Terms_ReserveDrawWithNothingBeforeItToCover_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new DrawReserveForShortfall(), new PayInterest("A")] }, "no fee or interest step comes before it");

    [Fact]
    public void Terms_NoTranche_AreRefused() => AssertRefused(Terms() with { Tranches = [] }, "at least one tranche");

    [Fact]
    public void Terms_TwoTranchesWithOneId_AreRefused() =>
        AssertRefused(Terms() with { Tranches = [.. Terms().Tranches, new Tranche("A", TrancheSeniority.Senior, Yuan(1m), 0m)] }, "share the id A");

    [Fact]
    public void Terms_TrancheWithoutPrincipal_AreRefused() =>
        AssertRefused(Terms() with { Tranches = [.. Terms().Tranches.Select(t => t.Id == "C" ? t with { OriginalPrincipal = Money.Zero } : t)] }, "Tranche C's original principal");

    [Fact]
    public void Terms_NegativeReserveTarget_AreRefused() => AssertRefused(Terms() with { ReserveTarget = new Money(-1) }, "reserve target");

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Terms_CleanUpShareOutsideZeroToOne_AreRefused(double share) => AssertRefused(Terms() with { CleanUpCallShare = (decimal)share }, "clean-up call share");

    [Fact]
    public void Terms_CoverageTriggerWithoutAMultiple_AreRefused() => AssertRefused(Terms(Trigger.Coverage("c", 0m, true)), "Coverage trigger c");

    [Fact]
    public void Balances_OfAnotherPool_AreRefused()
    {
        var other = new PoolTerms([new Tranche("X", TrancheSeniority.Senior, Yuan(1m), 0m)], [], Money.Zero, [], 0m, [new PayInterest("X")], [new PayInterest("X")]);
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(Terms(), PoolBalances.AtIssue(other), FirstQuarter, Yuan(1m)));
        Assert.Contains("each of the pool's tranches", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Balances_OwingMoreThanWasIssued_AreRefused()
    {
        var terms = Terms();
        var balances = PoolBalances.AtIssue(terms) with { Tranches = [new TrancheBalance("A", Yuan(1_000_000.01m), Money.Zero), new TrancheBalance("B", Yuan(1m), Money.Zero), new TrancheBalance("C", Yuan(1m), Money.Zero)] };
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, balances, FirstQuarter, Yuan(1m)));
        Assert.Contains("Tranche A cannot owe", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Balances_AcceleratedForGoodInTheNormalState_AreRefused()
    {
        var terms = Terms();
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms) with { AcceleratedForGood = true }, FirstQuarter, Yuan(1m)));
        Assert.Equal(DomainErrors.InvalidPoolTerms, refusal.Error);
    }

    [Fact]
    public void Period_EndingBeforeItStarts_IsRefused()
    {
        var terms = Terms();
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q2Start, Q1Start), Yuan(1m)));
        Assert.Contains("must end after it starts", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_ScheduleNamingAnUnknownTranche_IsRefused()
    {
        var terms = Terms();
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q1Start, Q2Start, [new ScheduledPrincipal("Z", Yuan(1m))]), Yuan(1m)));
        Assert.Contains("tranche Z", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_NegativeScheduledPrincipal_IsRefused()
    {
        var terms = Terms();
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), new DistributionPeriod(Q1Start, Q2Start, [new ScheduledPrincipal("A", new Money(-1))]), Yuan(1m)));
        Assert.Contains("cannot be negative", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_NegativeCollections_AreRefused()
    {
        var terms = Terms();
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), FirstQuarter, new Money(-1)));
        Assert.Equal("collections", refusal.Field);
    }

    [Fact]
    public void Terms_ResidualToAnUnknownTranche_AreRefused() =>
        AssertRefused(Terms() with { NormalWaterfall = [new PayInterest("A"), new PayResidual("Z")] }, "names tranche Z");

    [Fact]
    public void Terms_AFeeWithoutAnId_AreRefused() => AssertRefused(Terms() with { Fees = [Fee.Fixed(" ", Yuan(1m))] }, "Every fee needs an id");

    [Fact]
    public void Terms_TwoTriggersWithOneId_AreRefused() =>
        AssertRefused(Terms(Trigger.Coverage("t", 1.2m, true), Trigger.MissedSeniorInterest("t", false)), "share the id t");

    [Fact]
    public void Period_ScheduleNamingATrancheTwice_IsRefused()
    {
        var terms = Terms();
        var twice = new DistributionPeriod(Q1Start, Q2Start, [new ScheduledPrincipal("A", Yuan(1m)), new ScheduledPrincipal("A", Yuan(2m))]);
        var refusal = Assert.Throws<DomainException>(() => WaterfallEngine.Run(terms, PoolBalances.AtIssue(terms), twice, Yuan(1m)));
        Assert.Contains("share the id A", refusal.Message, StringComparison.Ordinal);
    }
}
