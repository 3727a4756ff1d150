using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Licenses;

[Collection(ClusterCollection.Name)]
public sealed class RoyaltyCycleTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    /// <param name="pledgedTo">A pledge holding the patent, whose pledgee consents to the licence with its money held in escrow.</param>
    private async Task<(ILicenseGrain Licence, Guid Licensee, Guid Owner, Guid Inventor)> ActiveLicenceAsync(Guid? pledgedTo = null)
    {
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        var inventor = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        var licensee = await fixture.FundedParticipantAsync(10_000_000);
        var filed = Today.AddYears(-2).AddDays(-5); // the grant-year fee is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Royalty-bearing cathode", "", ["H01M 4/36"], filed, [new PatentOwner(owner, 10_000)],
            [new Inventor("Zhao Lei", IsServiceInvention: true, EmployerParticipantId: owner, ParticipantId: inventor)]), Actor.System);
        await fixture.GrantPaidAsync(patent, owner);
        if (pledgedTo is { } pledge)
        {
            var encumbrances = fixture.Grains.GetGrain<IPatentEncumbrances>(number);
            await encumbrances.HoldForPledge(pledge);
            await encumbrances.ConfirmPledgeHold(pledge);
            await encumbrances.RecordPledgeeConsent(pledge, new PledgeeConsent(DisposalKind.License, licensee, ProceedsRoute.Escrow));
        }
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], licensee,
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.FromYuan(5_000), PaymentsPerYear: 4, LateInterestBasisPointsPerMonth: 50), Today), Actor.System);
        await licence.Submit(Actor.System);
        return (licence, licensee, owner, inventor);
    }

    [Fact]
    public async Task FourQuarterlyReports_ArePaidAndDistributed_ExactlyToOwnerAndInventor()
    {
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        long[] netSalesFen = [10_000_000, 1_000_000, 33_333_333, 0];
        long[] expectedRoyaltyFen = [300_000, 125_000, 1_000_000, 125_000]; // 3%, or the quarter's share of CNY 5,000
        for (var q = 0; q < 4; q++)
        {
            fixture.Clock.Advance(TimeSpan.FromDays(92));
            var invoice = await licence.ReportNetSales(q, new Money(netSalesFen[q]), asLicensee);
            Assert.Equal(new Money(expectedRoyaltyFen[q]), invoice.Royalty);
            var paid = await licence.PayRoyalty(q, asLicensee);
            await licence.PayRoyalty(q, asLicensee);
            Assert.Equal((Today, Money.Zero), (paid.PaidOn!.Value, paid.LateInterest));
        }
        var total = expectedRoyaltyFen.Sum();
        Assert.Equal(new Money(total / 2), (await fixture.Account(inventor).GetBalances()).Available); // the statutory floor: half
        Assert.Equal(new Money(total - total / 2), (await fixture.Account(owner).GetBalances()).Available);
        Assert.Equal(new Money(10_000_000 - total), (await fixture.Account(licensee).GetBalances()).Available);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task ARoyaltyForAPledgedPatentUnderTheBanksConsent_PaysTheServiceInventorAsUsual_AndTheOwnersPartToThePledge()
    {
        var pledge = Guid.NewGuid();
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync(pledgedTo: pledge);
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), asLicensee);
        await licence.PayRoyalty(0, asLicensee);

        // The inventor's statutory half is the inventor's, not collateral (Patent Law Art. 15); the owner's half repays or is held.
        Assert.Equal(new Money(150_000), (await fixture.Account(inventor).GetBalances()).Available);
        Assert.Equal(new Money(150_000), (await fixture.Grains.GetGrain<IAccountGrain>(AccountId.ForPledgeProceeds(pledge)).GetBalances()).Available);
        Assert.Equal(Money.Zero, (await fixture.Account(owner).GetBalances()).Available);
    }

    [Fact]
    public async Task APaymentWhoseRecordFailedAfterItsMoneyMoved_IsRecordedByTheRetry_AndPaidOnce_AsItBegan()
    {
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), asLicensee); // 3%: 3,000.00
        // The payment's intent is the licence's first write; the second, which records it paid after the money moved, fails.
        var writes = 0;
        var refused = await Resilience.StorageFaultsTests.RefusedConnectionAsync();
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite,
            grain => grain.StartsWith("license/", StringComparison.Ordinal) && grain.Contains(licence.GetPrimaryKey().ToString("N")) && ++writes == 2, _ => refused);
        await Assert.ThrowsAnyAsync<Exception>(() => licence.PayRoyalty(0, asLicensee));
        Assert.Equal(new Money(150_000), (await fixture.Account(inventor).GetBalances()).Available);

        // Before the record is retried, the owner agrees a smaller remuneration with its inventor: the payment made stays
        // as it was made, and is recorded once. (The ledger books a posting id once whatever parts a repeat names, so
        // what the fixed recipients protect is what the record owes with them: the notices to the pledges paid.)
        await fixture.Grains.GetGrain<IParticipantGrain>(owner).SetRemunerationPolicy(new RemunerationPolicy(RemunerationBasis.Agreed, 2_000), Actor.System);
        var paid = await licence.PayRoyalty(0, asLicensee);

        Assert.Equal(Today, paid.PaidOn);
        Assert.Equal(new Money(150_000), (await fixture.Account(inventor).GetBalances()).Available);
        Assert.Equal(new Money(150_000), (await fixture.Account(owner).GetBalances()).Available);
        Assert.Equal(new Money(10_000_000 - 300_000), (await fixture.Account(licensee).GetBalances()).Available);
    }

    [Fact]
    public async Task AssignedRoyalties_GoToThePoolOrThePledgee_AheadOfTheOwners_UntilTheAssignmentEnds()
    {
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        var bank = await fixture.NewParticipantAsync(roles: ParticipantRoles.Pledgee);
        var rights = fixture.Grains.GetGrain<ILicenseRights>(licence.GetPrimaryKey());
        await rights.AssignRoyalties(new RoyaltyAssignment(AccountId.ForParticipant(bank), RoyaltyAssignmentReason.PledgeDefault, bank), Actor.System);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() =>
            rights.AssignRoyalties(new RoyaltyAssignment(AccountId.ForPoolCollection(Guid.NewGuid()), RoyaltyAssignmentReason.Pool, Guid.Empty), Actor.System))).Error);

        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), asLicensee);
        await licence.PayRoyalty(0, asLicensee);
        Assert.Equal(new Money(300_000), (await fixture.Account(bank).GetBalances()).Available);
        Assert.Equal(Money.Zero, (await fixture.Account(owner).GetBalances()).Available);

        await rights.EndRoyaltyAssignment(Actor.System);
        var pool = AccountId.ForPoolCollection(Guid.NewGuid());
        await rights.AssignRoyalties(new RoyaltyAssignment(pool, RoyaltyAssignmentReason.Pool, Guid.Empty), Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(1, new Money(10_000_000), asLicensee);
        await licence.PayRoyalty(1, asLicensee);
        Assert.Equal(300_000, (await fixture.Store.LoadBalancesAsync(pool)).AvailableFen);

        await rights.EndRoyaltyAssignment(Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(2, new Money(10_000_000), asLicensee);
        await licence.PayRoyalty(2, asLicensee);
        Assert.Equal(new Money(150_000), (await fixture.Account(owner).GetBalances()).Available);
        Assert.Equal(new Money(150_000), (await fixture.Account(inventor).GetBalances()).Available);
    }

    [Fact]
    public async Task TerminatedLicence_StillOwesTheRoyaltiesOfThePeriodsItWasInEffect()
    {
        var (licence, licensee, owner, _) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.Terminate(asLicensee);
        var invoice = await licence.ReportNetSales(0, new Money(1_000_000), asLicensee);
        Assert.Equal(new Money(125_000), invoice.Royalty); // the quarter's share of the minimum
        Assert.Equal(DomainErrors.InvalidInput, (await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(1_000_000, new Money(1), asLicensee))).Error);
    }

    [Fact]
    public async Task OwnersAgreedRemuneration_ReplacesTheStatutoryFloor()
    {
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync();
        await fixture.Grains.GetGrain<IParticipantGrain>(owner).SetRemunerationPolicy(new RemunerationPolicy(RemunerationBasis.Agreed, 2_000), new Actor(owner, "Owner"));
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), new Actor(licensee, "Licensee"));
        await licence.PayRoyalty(0, new Actor(licensee, "Licensee"));
        Assert.Equal(new Money(60_000), (await fixture.Account(inventor).GetBalances()).Available); // 20% of 300,000
        Assert.Equal(new Money(240_000), (await fixture.Account(owner).GetBalances()).Available);
    }

    [Fact]
    public async Task LatePayment_CarriesInterest_AndLongDefault_SuspendsUntilPaid()
    {
        var (licence, licensee, owner, inventor) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        var invoice = await licence.ReportNetSales(0, new Money(10_000_000), asLicensee);

        fixture.Clock.Advance(TimeSpan.FromDays(30 + 65)); // past the due date by over two whole months: in default
        Assert.Equal(LicenseStatus.Suspended, (await licence.CheckExpiry()).Status);
        var paid = await licence.PayRoyalty(0, asLicensee);
        Assert.Equal(new Money(invoice.Royalty.Fen * 50 * 2 / 10_000), paid.LateInterest); // 0.5% a month, two whole months
        Assert.Equal(LicenseStatus.Active, (await licence.TryGet())!.Status);
        var total = invoice.Royalty + paid.LateInterest;
        Assert.Equal(new Money(total.Fen / 2), (await fixture.Account(owner).GetBalances()).Available);
        Assert.Equal(new Money(total.Fen - total.Fen / 2), (await fixture.Account(inventor).GetBalances()).Available);
    }

    [Fact]
    public async Task ReportsBeforeThePeriodEnds_ByAnotherParticipant_OrRevised_AreRefused()
    {
        var (licence, licensee, owner, _) = await ActiveLicenceAsync();
        var asLicensee = new Actor(licensee, "Licensee");
        Assert.Equal("periodIndex", (await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(0, new Money(1), asLicensee))).Field);
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(0, new Money(1), new Actor(owner, "Owner")))).Error);
        Assert.Equal(DomainErrors.InvalidAmount, (await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(0, new Money(-1), asLicensee))).Error);
        await licence.ReportNetSales(0, new Money(1_000), asLicensee);
        Assert.Equal(DomainErrors.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(0, new Money(2_000), asLicensee))).Error);
    }
}
