using Exchange.Grains.Common;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;

namespace Exchange.Tests.Pledges;

/// <summary>Each reason the review refuses a pledge, with the case that breaks it; a sound application passes.</summary>
public sealed class PledgeRegistrationRulesTests
{
    private static readonly Guid PledgeId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid CoOwner = Guid.NewGuid();

    private static readonly CollateralPatent SoundPatent =
        new("ZL202110000001.2", LegalStatus.InForce, new DateOnly(2041, 1, 1), [Owner, CoOwner], PledgedBy: null, UnderPreservationOrder: false, InvalidationRequested: false);

    private static PledgeReviewFacts Sound(Func<PledgeReviewFacts, PledgeReviewFacts>? change = null)
    {
        var facts = new PledgeReviewFacts(PledgeId,
            new LoanTerms(Money.FromYuan(1_000_000m), 0.0435m, new DateOnly(2026, 1, 15), 12, RepaymentMethod.EqualInstalments, 15),
            new Appraisal(Money.FromYuan(2_500_000m), "Beijing IP Appraisal Co.", new DateOnly(2025, 12, 1), "BJIPA-2025-118"),
            LoanToValueCap: 0.4m, Consents: [Owner, CoOwner], InvalidationRiskAcknowledged: false, Patents: [SoundPatent], Royalties: []);
        return change is null ? facts : change(facts);
    }

    private static PledgeReviewFacts WithPatent(Func<CollateralPatent, CollateralPatent> change) => Sound(f => f with { Patents = [change(SoundPatent)] });

    [Fact]
    public void ASoundApplication_HasNoReasonToRefuse()
    {
        Assert.Empty(PledgeRegistrationRules.Refusals(Sound()));
        PledgeRegistrationRules.EnsureRegistrable(Sound());
    }

    public static TheoryData<string, PledgeReviewFacts, string> Broken => new()
    {
        { "fee in grace", WithPatent(p => p with { LegalStatus = LegalStatus.GracePeriod }), "pledge-annual-fee-unpaid" },
        { "lapsed", WithPatent(p => p with { LegalStatus = LegalStatus.Lapsed }), "patent-not-in-force" },
        { "pledged elsewhere", WithPatent(p => p with { PledgedBy = Guid.NewGuid() }), "patent-already-pledged" },
        { "outlives the patent", WithPatent(p => p with { LastDayOfTerm = new DateOnly(2027, 1, 14) }), "loan-outlives-patent" },
        { "co-owner silent", Sound(f => f with { Consents = [Owner] }), "co-owner-consent-missing" },
        { "above the cap", Sound(f => f with { LoanToValueCap = 0.39m }), "loan-above-value-cap" },
        { "frozen", WithPatent(p => p with { UnderPreservationOrder = true }), "patent-under-preservation-order" },
        { "invalidation unacknowledged", WithPatent(p => p with { InvalidationRequested = true }), "invalidation-risk-unacknowledged" },
        { "royalties assigned", Sound(f => f with { Royalties = [new CollateralRoyalties(Guid.NewGuid(), "pool:7f3c")] }), "royalties-already-assigned" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void EachBrokenRule_IsARefusalOfItsOwnType(string why, PledgeReviewFacts facts, string type)
    {
        var refusal = Assert.Single(PledgeRegistrationRules.Refusals(facts));
        Assert.Equal(type, refusal.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Reason), why);
        Assert.Equal(type, Assert.Throws<DomainException>(() => PledgeRegistrationRules.EnsureRegistrable(facts)).Error.Code);
    }

    [Fact]
    public void TheCap_AllowsALoanOfExactlyItsShare_ToTheFen()
    {
        Assert.Empty(PledgeRegistrationRules.Refusals(Sound(f => f with { Loan = f.Loan with { Principal = Money.FromYuan(1_000_000m) }, LoanToValueCap = 0.4m })));
        var over = Sound(f => f with { Loan = f.Loan with { Principal = Money.FromYuan(1_000_000.01m) } });
        var refusal = Assert.Single(PledgeRegistrationRules.Refusals(over));
        Assert.Contains("at most CNY 1000000.00", refusal.Reason);
    }

    [Fact]
    public void AnAcknowledgedInvalidationRisk_AndThePledgesOwnAssignment_AreNoReasonToRefuse()
    {
        var facts = Sound(f => f with
        {
            InvalidationRiskAcknowledged = true,
            Patents = [SoundPatent with { InvalidationRequested = true, PledgedBy = PledgeId }],
            Royalties = [new CollateralRoyalties(Guid.NewGuid(), PledgeRegistrationRules.PledgeAssignee(PledgeId))],
        });
        Assert.Empty(PledgeRegistrationRules.Refusals(facts));
    }

    [Fact]
    public void ARefusal_GivesEveryReasonAtOnce()
    {
        var facts = Sound(f => f with { Consents = [], Patents = [SoundPatent with { LegalStatus = LegalStatus.GracePeriod, UnderPreservationOrder = true }] });
        Assert.Equal(["pledge-annual-fee-unpaid", "co-owner-consent-missing", "patent-under-preservation-order"], PledgeRegistrationRules.Refusals(facts).Select(r => r.Error.Code));
        Assert.Contains("co-owners", PledgeRegistrationRules.Refusals(facts)[1].Reason);
        Assert.EndsWith("(2 more reasons in the review.)", Assert.Throws<DomainException>(() => PledgeRegistrationRules.EnsureRegistrable(facts)).Message);
    }
}
