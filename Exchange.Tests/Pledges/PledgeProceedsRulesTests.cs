using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;

namespace Exchange.Tests.Pledges;

/// <summary>How a consented deal's money is applied (Civil Code Art. 444), and which deals a pledge's hold admits.</summary>
public sealed class PledgeProceedsRulesTests
{
    private static readonly LoanTerms Terms = new(Money.FromYuan(1_000_000m), 0.0435m, new DateOnly(2026, 1, 15), 12, RepaymentMethod.EqualInstalments, 15);
    private static readonly IReadOnlyList<Instalment> Schedule = LoanSchedule.Build(Terms);
    private static readonly Guid Owner = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid CoOwner = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly SurplusShare[] Owners = [new(Owner, 7_000), new(CoOwner, 3_000)];

    /// <summary>Ten days into a performing loan of 1,000,000 nothing repaid.</summary>
    private static ProceedsTarget Performing(Money? outstanding = null) =>
        new(Ended: false, Running: true, DueNow: Money.Zero, outstanding ?? Terms.Principal, Terms.AnnualRate, Terms.Start, new DateOnly(2026, 1, 25));

    /// <summary>The loan above with <paramref name="repaid"/> paid towards its instalments, read on <paramref name="today"/>.</summary>
    private static ProceedsTarget Standing(Money repaid, DateOnly today)
    {
        var state = new PledgeState
        {
            Application = new PledgeApplication(Guid.NewGuid(), ["201710601862.3"], [], null!, 0.6m, Terms, GraceDays: 30, ApplicationChannel.Online, null!),
            Schedule = [.. Schedule],
            Repaid = repaid,
        };
        return PledgeFacts.ProceedsTarget(state, today, ended: false, running: true);
    }

    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    [Fact]
    public void ASalePriceAboveTheDebt_RepaysPrincipalAndTenDaysInterest_AndTheRestGoesToTheOwnersByShare()
    {
        var applied = PledgeProceedsRules.Apply(Yuan(1_200_000m), Owners, ProceedsRoute.EarlyRepayment, Performing());
        Assert.Equal((Yuan(1_000_000m), Yuan(1_208.33m), Money.Zero), (applied.PrincipalPrepaid, applied.Interest, applied.CreditedToSchedule));
        // 198,791.67 split 70/30, the odd fen to the larger remainder.
        Assert.Equal([new OwnerAmount(Owner, Yuan(139_154.17m)), new OwnerAmount(CoOwner, Yuan(59_637.50m))], applied.ToOwners);
        Assert.Empty(applied.Escrowed);
    }

    [Fact]
    public void ProceedsBelowTheDebt_RepayTheMostPrincipalTheyCanWithItsInterest_TheRoundingFenIsInterest()
    {
        var applied = PledgeProceedsRules.Apply(Yuan(30_000m), Owners, ProceedsRoute.EarlyRepayment, Performing());
        Assert.Equal(Yuan(30_000m), applied.PrincipalPrepaid + applied.Interest);
        Assert.Empty(applied.ToOwners);
        var interestOnIt = EarlyRepayment.AccruedInterest(applied.PrincipalPrepaid, Performing());
        Assert.InRange((applied.Interest - interestOnIt).Fen, 0, 1);
        Assert.Equal(Yuan(29_963.79m), applied.PrincipalPrepaid);
    }

    [Fact]
    public void RandomProceeds_AlwaysAddUpToTheAmountExactly_AndRepayAtMostTheBalance()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 2_000; i++)
        {
            var amount = new Money(random.NextInt64(1, 200_000_000));
            var outstanding = new Money(random.NextInt64(1, 100_000_000));
            var route = random.Next(3) == 0 ? ProceedsRoute.Escrow : ProceedsRoute.EarlyRepayment;
            var target = Performing(outstanding) with { DueNow = new Money(random.Next(4) == 0 ? random.NextInt64(1, 10_000_000) : 0), AccruesFrom = Terms.Start.AddDays(random.Next(-20, 40)) };
            var applied = PledgeProceedsRules.Apply(amount, Owners, route, target);
            var total = applied.ToPledgee + PledgeProceedsRules.Total(applied.ToOwners) + PledgeProceedsRules.Total(applied.Escrowed);
            Assert.Equal(amount, total);
            Assert.True(applied.PrincipalPrepaid <= outstanding);
            Assert.True(applied.CreditedToSchedule <= target.DueNow);
            Assert.True(applied.Interest >= Money.Zero);
            // Nothing is prepaid while something due is unpaid, and the debt is never paid beyond what it is today.
            Assert.True(applied.PrincipalPrepaid == Money.Zero || applied.CreditedToSchedule == target.DueNow);
            Assert.True(applied.ToPledgee <= target.Debt);
            Assert.True(route == ProceedsRoute.Escrow || amount < target.Debt || applied.ToPledgee == target.Debt);
            var principal = PledgeProceedsRules.PrincipalFor(amount, target);
            Money Cost(Money p) => p + EarlyRepayment.InterestSince(p, Terms.AnnualRate, target.AccruesFrom, target.Today);
            Assert.True(Cost(principal) <= amount);
            Assert.True(principal == outstanding || Cost(principal + new Money(1)) > amount);
        }
    }

    [Fact]
    public void Escrow_KeepsEachOwnersPart_AndAfterTheEnd_EverythingGoesBackToTheOwners()
    {
        var escrowed = PledgeProceedsRules.Apply(Yuan(100m), Owners, ProceedsRoute.Escrow, Performing());
        Assert.Equal(Money.Zero, escrowed.ToPledgee);
        Assert.Equal([new OwnerAmount(Owner, Yuan(70m)), new OwnerAmount(CoOwner, Yuan(30m))], escrowed.Escrowed);

        var ended = PledgeProceedsRules.Apply(Yuan(100m), Owners, ProceedsRoute.EarlyRepayment, Performing() with { Ended = true });
        Assert.Equal(Money.Zero, ended.ToPledgee);
        Assert.Equal(Yuan(100m), PledgeProceedsRules.Total(ended.ToOwners));

        // Before the loan runs, money routed to early repayment waits in escrow: there is no schedule to repay yet.
        var early = PledgeProceedsRules.Apply(Yuan(100m), Owners, ProceedsRoute.EarlyRepayment, Performing() with { Running = false });
        Assert.Equal(Yuan(100m), PledgeProceedsRules.Total(early.Escrowed));
    }

    [Fact]
    public void ALoanInDefault_PaysItsArrearsFirst_ThenPrincipalWithFiveDaysInterest_NeverTheInterestOfMonthsToCome()
    {
        // Due on 15 February and 15 March, both unpaid; on 20 March the proceeds of a consented sale arrive.
        var target = Standing(Money.Zero, new DateOnly(2026, 3, 20));
        var arrears = Schedule[0].Payment + Schedule[1].Payment;
        Assert.Equal(Yuan(170_619.80m), arrears);
        Assert.Equal(arrears, target.DueNow);
        Assert.Equal(Schedule[1].BalanceAfter, target.PrincipalAfterDue);
        Assert.Equal(new DateOnly(2026, 3, 15), target.AccruesFrom);

        var applied = PledgeProceedsRules.Apply(Yuan(1_200_000m), Owners, ProceedsRoute.EarlyRepayment, target);
        Assert.Equal(arrears, applied.CreditedToSchedule);
        Assert.Equal(target.PrincipalAfterDue, applied.PrincipalPrepaid);
        Assert.Equal(EarlyRepayment.InterestSince(target.PrincipalAfterDue, Terms.AnnualRate, new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 20)), applied.Interest);
        Assert.Equal(target.Debt, applied.ToPledgee);
        var stillScheduled = new Money(Schedule.Sum(i => i.Payment.Fen));
        Assert.True(applied.ToPledgee < stillScheduled, $"{applied.ToPledgee} pays the debt of today, not the {stillScheduled} the schedule would have collected with its future interest");
        Assert.Equal(Yuan(1_200_000m) - applied.ToPledgee, PledgeProceedsRules.Total(applied.ToOwners));
    }

    [Fact]
    public void ProceedsBelowTheArrears_AreAllCreditedToTheArrears_NothingIsPrepaid()
    {
        var applied = PledgeProceedsRules.Apply(Yuan(100_000m), Owners, ProceedsRoute.EarlyRepayment, Standing(Money.Zero, new DateOnly(2026, 3, 20)));
        Assert.Equal((Yuan(100_000m), Money.Zero, Money.Zero), (applied.CreditedToSchedule, applied.PrincipalPrepaid, applied.Interest));
        Assert.Empty(applied.ToOwners);
    }

    [Fact]
    public void APartPaidInstalment_IsCompletedFirst_AndThePrincipalAfterItOwesNoInterestItAlreadyPays()
    {
        // 50,000 paid on 1 February towards the instalment due 15 February: its rest is due first, and its interest runs to 15 February.
        var target = Standing(Yuan(50_000m), new DateOnly(2026, 2, 1));
        Assert.Equal(Schedule[0].Payment - Yuan(50_000m), target.DueNow);
        Assert.Equal(new DateOnly(2026, 2, 15), target.AccruesFrom);
        var applied = PledgeProceedsRules.Apply(Yuan(100_000m), Owners, ProceedsRoute.EarlyRepayment, target);
        Assert.Equal(target.DueNow, applied.CreditedToSchedule);
        Assert.Equal(Yuan(100_000m) - target.DueNow, applied.PrincipalPrepaid);
        Assert.Equal(Money.Zero, applied.Interest);
    }

    [Fact]
    public void AnInstalmentDueToday_IsPaidBeforeAnyPrincipalIsRepaidEarly()
    {
        var target = Standing(Money.Zero, new DateOnly(2026, 2, 15));
        Assert.Equal(Schedule[0].Payment, target.DueNow);
        Assert.Equal(new DateOnly(2026, 2, 15), target.AccruesFrom);
    }

    [Fact]
    public void EarlyRepayment_WaitsForWhatIsDue_EvenAnInstalmentDueToday_AndOwesNoInterestAnInstalmentPaidAheadCovers()
    {
        var dueToday = Standing(Money.Zero, new DateOnly(2026, 2, 15));
        Assert.Equal(DomainErrors.EarlyRepaymentRefused, Assert.Throws<DomainException>(() => EarlyRepayment.EnsureAllowed(dueToday, Yuan(10_000m))).Error);
        var partPaid = Standing(Yuan(50_000m), new DateOnly(2026, 2, 1));
        Assert.Equal(DomainErrors.EarlyRepaymentRefused, Assert.Throws<DomainException>(() => EarlyRepayment.EnsureAllowed(partPaid, Yuan(10_000m))).Error);

        // The February instalment paid in full on 1 February: its interest runs to 15 February, so repaying now owes none more.
        var paidAhead = Standing(Schedule[0].Payment, new DateOnly(2026, 2, 1));
        EarlyRepayment.EnsureAllowed(paidAhead, Yuan(10_000m));
        Assert.Equal(Money.Zero, EarlyRepayment.AccruedInterest(Yuan(10_000m), paidAhead));
        Assert.Equal("amount", Assert.Throws<DomainException>(() => EarlyRepayment.EnsureAllowed(paidAhead, Schedule[0].BalanceAfter + new Money(1))).Field);
        // Ten days after the start nothing is due: 10,000 × 4.35% × 10 / 360 = 12.08.
        Assert.Equal(Yuan(12.08m), EarlyRepayment.AccruedInterest(Yuan(10_000m), Standing(Money.Zero, new DateOnly(2026, 1, 25))));
    }

    [Fact]
    public void DrawingOnTheEscrow_TakesFromEachOwnerInProportion_AndMoreThanItHoldsIsRefused()
    {
        List<OwnerAmount> escrow = [new(Owner, Yuan(70m)), new(CoOwner, Yuan(30m))];
        var (taken, left) = PledgeProceedsRules.Draw(escrow, Yuan(50m));
        Assert.Equal([new OwnerAmount(Owner, Yuan(35m)), new OwnerAmount(CoOwner, Yuan(15m))], taken);
        Assert.Equal([new OwnerAmount(Owner, Yuan(35m)), new OwnerAmount(CoOwner, Yuan(15m))], left);
        Assert.Empty(PledgeProceedsRules.Draw(escrow, Yuan(100m)).Left);
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => PledgeProceedsRules.Draw(escrow, Yuan(100.01m))).Error);
        Assert.Equal(Yuan(170m), PledgeProceedsRules.Total(PledgeProceedsRules.Add(escrow, [new OwnerAmount(Owner, Yuan(70m))])));
    }

    [Fact]
    public void AHeldPatent_AdmitsASaleOnlyToTheConsentedBuyer_AtTheLeastPriceOrMore_OrByThePledgesOwnEnforcement()
    {
        var pledge = Guid.NewGuid();
        var buyer = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        const string number = "201710601862.3";
        var consent = new PledgeeConsent(DisposalKind.Transfer, buyer, ProceedsRoute.Escrow, number, Yuan(500_000m));
        var hold = new PledgeHold(pledge, Confirmed: true, now.AddDays(-5), [consent], []);
        Assert.Null(PledgeHoldRules.TransferRefusal(number, hold, Guid.NewGuid(), buyer, Yuan(500_000m), now));
        Assert.Equal("price", PledgeHoldRules.TransferRefusal(number, hold, Guid.NewGuid(), buyer, Yuan(499_999.99m), now)!.Field);
        Assert.Equal(DomainErrors.PatentPledged, PledgeHoldRules.TransferRefusal(number, hold, Guid.NewGuid(), buyer, null, now)!.Error);
        Assert.Equal(DomainErrors.PatentPledged, PledgeHoldRules.TransferRefusal(number, hold, Guid.NewGuid(), Guid.NewGuid(), Yuan(900_000m), now)!.Error);
        Assert.Equal(DomainErrors.PatentPledged, PledgeHoldRules.TransferRefusal(number, hold, Guid.NewGuid(), null, Yuan(900_000m), now)!.Error);
        // The consent names its patent: a sale of another patent the same hold covered is not within it.
        Assert.NotNull(PledgeHoldRules.TransferRefusal("201710601863.8", hold, Guid.NewGuid(), buyer, Yuan(900_000m), now));
        Assert.Null(PledgeHoldRules.TransferRefusal(number, hold, PledgeHoldRules.SaleTransferId(pledge, number), null, null, now));
    }

    [Fact]
    public void AConsentToASale_NamesItsPatentAndALeastPrice_AndALicencesConsentNamesNeither()
    {
        var buyer = Guid.NewGuid();
        Assert.Equal("applicationNumber", Assert.Throws<DomainException>(() => PledgeHoldRules.ValidateConsent(new PledgeeConsent(DisposalKind.Transfer, buyer, MinimumPrice: Yuan(1m)))).Field);
        Assert.Equal("minimumPrice", Assert.Throws<DomainException>(() => PledgeHoldRules.ValidateConsent(new PledgeeConsent(DisposalKind.Transfer, buyer, ApplicationNumber: "201710601862.3"))).Field);
        Assert.Equal("minimumPrice", Assert.Throws<DomainException>(() => PledgeHoldRules.ValidateConsent(new PledgeeConsent(DisposalKind.License, buyer, MinimumPrice: Yuan(1m)))).Field);
        Assert.Equal(DomainErrors.InvalidApplicationNumber, Assert.Throws<DomainException>(() =>
            PledgeHoldRules.ValidateConsent(new PledgeeConsent(DisposalKind.Transfer, buyer, ApplicationNumber: "201710601862.4", MinimumPrice: Yuan(1m)))).Error);
        Assert.Equal("201710601862.3", PledgeHoldRules.ValidateConsent(new PledgeeConsent(DisposalKind.Transfer, buyer, ApplicationNumber: " 201710601862.3 ", MinimumPrice: Yuan(1m))).ApplicationNumber);
    }

    [Fact]
    public void ALicenceUnderAnOpenLicenceDeclaredBeforeThePledge_SendsNothingToThePledge_OneItsPledgeeConsentedTo_Does()
    {
        var now = DateTimeOffset.UtcNow;
        var licensee = Guid.NewGuid();
        var scope = new LicenseScope(DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime).AddYears(1), ["CN"], ["H10K"]);
        var claim = new LicenseClaim(Guid.NewGuid(), LicenseType.Ordinary, scope, licensee);
        var before = new OpenLicenseDeclaration(new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H10K"], 12, Money.Zero, 100, Money.Zero), Guid.NewGuid(), DateOnly.FromDateTime(now.UtcDateTime).AddDays(-30));
        var openConsent = new PledgeeConsent(DisposalKind.OpenLicense, null, ProceedsRoute.Escrow);
        var hold = new PledgeHold(Guid.NewGuid(), Confirmed: true, now.AddDays(-5), [openConsent], []);
        Assert.Null(PledgeHoldRules.AdmittingConsent(hold, claim, before));
        Assert.Equal(openConsent, PledgeHoldRules.AdmittingConsent(hold, claim, before with { DeclaredOn = DateOnly.FromDateTime(now.UtcDateTime) }));
        var licenceConsent = new PledgeeConsent(DisposalKind.License, licensee);
        Assert.Equal(licenceConsent, PledgeHoldRules.AdmittingConsent(hold with { Consents = [licenceConsent] }, claim, null));
    }
}
