using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>The pure rules of a pool's structure, its receivables, its lifecycle and the close of its window.</summary>
public sealed class PoolStructureTests
{
    private static readonly DateOnly Today = new(2027, 1, 4);
    private static readonly Guid Trustee = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static PoolDefinition Valid => new("Pool", Today.AddDays(10), [Today.AddDays(100), Today.AddDays(190)],
        [
            new TrancheDefinition("A", TrancheSeniority.Senior, 100, Money.FromYuan(100m), 4m, 10, 50, Amortization.EqualParts),
            new TrancheDefinition("B", TrancheSeniority.Mezzanine, 50, Money.FromYuan(100m), 6m, 10, 0, Amortization.AtMaturity),
            new TrancheDefinition("C", TrancheSeniority.Subordinated, 10, Money.FromYuan(100m), 0m, 10, 0, Amortization.AtMaturity),
        ],
        [new FeeDefinition("trustee", Trustee, Money.FromYuan(100m), 0m)], Money.FromYuan(500m), 1.2m, true, true, 10m, 200, 5, [Money.FromYuan(3_000m), Money.FromYuan(3_000m)]);

    private static string Refused(PoolDefinition definition)
    {
        var refused = Assert.Throws<DomainException>(() => PoolStructure.Validate(definition, Today));
        Assert.Equal(DomainErrors.InvalidPoolTerms, refused.Error);
        return refused.Field!;
    }

    [Fact]
    public void AValidStructure_IsTaken_AndItsWaterfallPaysSeniorBeforeMezzanineBeforeTheResidual()
    {
        var validated = PoolStructure.Validate(Valid, Today);
        var terms = PoolStructure.Terms(validated, new Dictionary<string, long> { ["A"] = 100, ["B"] = 50, ["C"] = 10 });
        Assert.Equal(["pay fee trustee", "pay interest A", "draw on the reserve for a shortfall", "pay principal A (by schedule)", "pay interest B", "pay principal B (by schedule)",
            "top up the reserve", "pay principal C (by schedule)", "pay the residual to C"], terms.NormalWaterfall.Select(PoolPeriod.StepWords));
        Assert.DoesNotContain(terms.AcceleratedWaterfall, s => s is TopUpReserve);
        Assert.All(terms.AcceleratedWaterfall.OfType<PayPrincipal>(), p => Assert.Equal(PrincipalBasis.AllAvailable, p.Basis));
        Assert.Equal(["coverage", "missed-senior-interest"], terms.Triggers.Select(t => t.Id));
        Assert.Equal(Money.FromYuan(16_000m), terms.OriginalPrincipal);
    }

    [Fact]
    public void ATrancheNoUnitOfWhichWasIssued_IsNotPartOfThePoolsWaterfall()
    {
        var terms = PoolStructure.Terms(Valid, new Dictionary<string, long> { ["A"] = 100, ["B"] = 0, ["C"] = 10 });
        Assert.Equal(["A", "C"], terms.Tranches.Select(t => t.Id));
        Assert.DoesNotContain(terms.NormalWaterfall, s => PoolPeriod.StepWords(s).Contains(" B", StringComparison.Ordinal));
    }

    [Fact]
    public void EachBrokenRuleOfAStructure_IsRefused_NamingItsField()
    {
        Assert.Equal("name", Refused(Valid with { Name = " " }));
        Assert.Equal("subscriptionClosesOn", Refused(Valid with { SubscriptionClosesOn = Today.AddDays(-1) }));
        Assert.Equal("distributionDates[0]", Refused(Valid with { DistributionDates = [Today.AddDays(10), Today.AddDays(190)] }));
        Assert.Equal("distributionDates[1]", Refused(Valid with { DistributionDates = [Today.AddDays(100), Today.AddDays(100)] }));
        Assert.Equal("distributionDates", Refused(Valid with { DistributionDates = [.. Enumerable.Range(1, 41).Select(i => Today.AddDays(20 + i))], ProjectedCollections = [.. Enumerable.Repeat(Money.Zero, 41)] }));
        Assert.Equal("projectedCollections", Refused(Valid with { ProjectedCollections = [Money.Zero] }));
        Assert.Equal("tranches[0].seniority", Refused(Valid with { Tranches = [Valid.Tranches[1], Valid.Tranches[2]] }));
        Assert.Equal("tranches[2].seniority", Refused(Valid with { Tranches = [Valid.Tranches[0], Valid.Tranches[1], Valid.Tranches[0] with { Id = "A2" }] }));
        Assert.Equal("tranches[1]", Refused(Valid with { Tranches = [Valid.Tranches[0], Valid.Tranches[2], Valid.Tranches[1]] })); // subordinated, not last
        Assert.Equal("tranches[1].id", Refused(Valid with { Tranches = [Valid.Tranches[0], Valid.Tranches[1] with { Id = "a" }] }));
        Assert.Equal("tranches[0].id", Refused(Valid with { Tranches = [Valid.Tranches[0] with { Id = "-A" }] }));
        Assert.Equal("tranches[2]", Refused(Valid with { Tranches = [Valid.Tranches[0], Valid.Tranches[1], Valid.Tranches[2] with { CouponPercent = 1m }] }));
        Assert.Equal("tranches[0].minimumLot", Refused(Valid with { Tranches = [Valid.Tranches[0] with { MinimumLot = 30 }] }));
        Assert.Equal("tranches[0].minimumUnitsToIssue", Refused(Valid with { Tranches = [Valid.Tranches[0] with { MinimumUnitsToIssue = 0 }] }));
        Assert.Equal("tranches[0].couponPercent", Refused(Valid with { Tranches = [Valid.Tranches[0] with { CouponPercent = 4.125m }] }));
        Assert.Equal("tranches[0].unitFaceValue", Refused(Valid with { Tranches = [Valid.Tranches[0] with { UnitFaceValue = Money.Zero }] }));
        Assert.Equal("fees[0]", Refused(Valid with { Fees = [new FeeDefinition("trustee", Trustee, Money.FromYuan(1m), 0.5m)] }));
        Assert.Equal("fees[0].id", Refused(Valid with { Fees = [new FeeDefinition("A", Trustee, Money.FromYuan(1m), 0m)] }));
        Assert.Equal("fees[0].payeeId", Refused(Valid with { Fees = [new FeeDefinition("trustee", Guid.Empty, Money.FromYuan(1m), 0m)] }));
        Assert.Equal("coverageTriggerMultiple", Refused(Valid with { CoverageTriggerMultiple = 0.8m }));
        Assert.Equal("cleanUpCallPercent", Refused(Valid with { CleanUpCallPercent = 60m }));
        // 国发〔2011〕38号: a pool may ask for fewer holders and a longer wait, never more holders or a shorter one.
        Assert.Equal("maxHolders", Refused(Valid with { MaxHolders = 201 }));
        Assert.Equal("minimumHoldingTradingDays", Refused(Valid with { MinimumHoldingTradingDays = 4 }));
        PoolStructure.Validate(Valid with { MaxHolders = 1, MinimumHoldingTradingDays = 20 }, Today);
    }

    [Theory]
    [InlineData(Amortization.EqualParts, 100_001, 3, new long[] { 33_333, 33_333, 33_335 })]
    [InlineData(Amortization.AtMaturity, 100_001, 3, new long[] { 0, 0, 100_001 })]
    [InlineData(Amortization.EqualParts, 7, 4, new long[] { 1, 1, 1, 4 })]
    public void TheSchedule_AddsUpToTheOriginalPrincipal_TheLastDateTakingTheRemainder(Amortization amortization, long original, int dates, long[] expected)
    {
        var parts = Enumerable.Range(0, dates).Select(i => PoolStructure.ScheduledOn(amortization, new Money(original), dates, i).Fen).ToArray();
        Assert.Equal(expected, parts);
        Assert.Equal(original, parts.Sum());
    }

    private static LicenseSnapshot Licence(Guid licensor, LicenseStatus status = LicenseStatus.Active, DateOnly? ends = null, Guid? pledgedTo = null, Guid? pooledIn = null,
        RoyaltyAssignment? assignment = null, params Guid[] otherLicensors) =>
        new(Guid.NewGuid(), ["201710601862.3"], [licensor, .. otherLicensors], Guid.NewGuid(),
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.Zero),
            new LicenseScope(Today, ends ?? Today.AddYears(2), ["CN"], ["H01M"]), status, [], [], [], Today, null, null, null, false, assignment,
            RoyaltiesPledgedTo: pledgedTo, RoyaltiesPooledIn: pooledIn);

    [Fact]
    public void AReceivable_IsEligibleOnlyWhenActiveUnencumberedTheOriginatorsAlone_AndLongEnough_EachRefusalItsOwnType()
    {
        var pool = Guid.NewGuid();
        var originator = Guid.NewGuid();
        var matures = Today.AddYears(1);
        DomainError? Refusal(LicenseSnapshot l) => ReceivableEligibility.Refusal(l, pool, originator, matures)?.Error;

        Assert.Null(Refusal(Licence(originator)));
        Assert.Null(Refusal(Licence(originator, pooledIn: pool))); // held for this pool already
        Assert.Null(Refusal(Licence(originator, ends: matures)));
        Assert.Equal(DomainErrors.ReceivableLicenseNotActive, Refusal(Licence(originator, LicenseStatus.Suspended)));
        Assert.Equal(DomainErrors.ReceivablePledged, Refusal(Licence(originator, pledgedTo: Guid.NewGuid())));
        Assert.Equal(DomainErrors.ReceivableInAnotherPool, Refusal(Licence(originator, pooledIn: Guid.NewGuid())));
        Assert.Equal(DomainErrors.ReceivableInAnotherPool, Refusal(Licence(originator, assignment: new RoyaltyAssignment("participant:" + Guid.NewGuid().ToString("N"), RoyaltyAssignmentReason.PledgeDefault, Guid.NewGuid()))));
        Assert.Equal(DomainErrors.ReceivableNotOriginators, Refusal(Licence(Guid.NewGuid())));
        Assert.Equal(DomainErrors.ReceivableNotOriginators, Refusal(Licence(originator, otherLicensors: Guid.NewGuid())));
        Assert.Equal(DomainErrors.ReceivableTermTooShort, Refusal(Licence(originator, ends: matures.AddDays(-1))));
    }

    [Fact]
    public void TheLifecycle_RefusesWhatItsStatusOrGuardDoesNotAllow_InWords()
    {
        var status = PoolStatus.Structuring;
        var facts = new PoolGuardFacts(HasReceivables: false, WindowOpen: true, CleanUpCallReached: false, DatesLeft: true);
        var lifecycle = new PoolLifecycle(() => status, s => status = s, () => facts, "Pool P");

        Assert.Equal("Pool P can open for subscription only when at least one licence receivable is assigned to it.",
            Assert.Throws<DomainException>(() => lifecycle.OpenSubscription()).Message);
        facts = facts with { HasReceivables = true };
        Assert.True(lifecycle.OpenSubscription());
        Assert.Throws<DomainException>(() => lifecycle.EnsureAssignsReceivables());
        lifecycle.EnsureTakesSubscriptions();
        Assert.Contains("window has closed", Assert.Throws<DomainException>(() => lifecycle.EnsureClosesSubscription()).Message);
        facts = facts with { WindowOpen = false };
        Assert.Contains("window is open", Assert.Throws<DomainException>(() => lifecycle.EnsureTakesSubscriptions()).Message);
        Assert.True(lifecycle.Issue());
        lifecycle.EnsureClosesSubscription(); // issued: a repeat of the close passes
        Assert.Contains("clean-up call", Assert.Throws<DomainException>(() => lifecycle.Call()).Message);
        Assert.True(lifecycle.Accelerate());
        Assert.True(lifecycle.Cure());
        Assert.Equal(PoolStatus.Active, status);
        Assert.True(lifecycle.Redeem());
        Assert.Throws<DomainException>(() => lifecycle.EnsureDistributes());
        Assert.True(lifecycle.Close());
        Assert.True(lifecycle.IsFinal);
        Assert.Contains("is closed", Assert.Throws<DomainException>(() => lifecycle.Cancel()).Message);
    }

    [Fact]
    public void TheActionsOffered_AreWhatTheLifecycleWouldTake_NotRepeatsItIgnores()
    {
        var status = PoolStatus.Structuring;
        var facts = new PoolGuardFacts(HasReceivables: false, WindowOpen: true, CleanUpCallReached: false, DatesLeft: true);
        var lifecycle = new PoolLifecycle(() => status, s => status = s, () => facts);
        IReadOnlyList<PoolAction> Now(PoolStatus at, PoolGuardFacts with)
        {
            (status, facts) = (at, with);
            return lifecycle.ActionsNow();
        }

        Assert.Equal([PoolAction.AssignReceivable, PoolAction.Cancel], Now(PoolStatus.Structuring, facts));
        Assert.Equal([PoolAction.AssignReceivable, PoolAction.OpenSubscription, PoolAction.Cancel], Now(PoolStatus.Structuring, facts with { HasReceivables = true }));
        // Open again is ignored (a repeat), so it is not offered; the close is only once the window has closed.
        Assert.Equal([PoolAction.Subscribe, PoolAction.Cancel], Now(PoolStatus.Subscription, facts with { HasReceivables = true }));
        Assert.Equal([PoolAction.CloseSubscription, PoolAction.Cancel], Now(PoolStatus.Subscription, facts with { HasReceivables = true, WindowOpen = false }));
        var issued = facts with { HasReceivables = true, WindowOpen = false };
        Assert.Equal([PoolAction.Distribute, PoolAction.Trade], Now(PoolStatus.Active, issued));
        Assert.Equal([PoolAction.Distribute, PoolAction.Call, PoolAction.Trade], Now(PoolStatus.Accelerated, issued with { CleanUpCallReached = true }));
        Assert.Equal([PoolAction.Trade], Now(PoolStatus.Active, issued with { DatesLeft = false }));
        Assert.Empty(Now(PoolStatus.Called, issued with { CleanUpCallReached = true }));
        Assert.Empty(Now(PoolStatus.Redeemed, issued with { DatesLeft = false }));
        Assert.Empty(Now(PoolStatus.Closed, issued));
        Assert.Empty(Now(PoolStatus.Cancelled, facts));
    }
}
