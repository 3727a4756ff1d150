using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.PatentTransfers;

[Collection(ClusterCollection.Name)]
public sealed class PatentTransferGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Operator = new(Guid.NewGuid(), "Operator");

    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private Task<(string Number, Guid[] Owners)> PatentInForceAsync(params int[] shares) => PatentAsync(payFee: true, shares);

    private async Task<(string Number, Guid[] Owners)> PatentAsync(bool payFee, params int[] shares)
    {
        var owners = new Guid[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            owners[i] = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        }
        var filed = Today.AddYears(-1).AddDays(-5); // the fee paid at grant is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Graphene heat spreader", "", ["H01L 23/373"], filed,
            owners.Select((o, i) => new PatentOwner(o, shares[i])).ToArray(), [new Inventor("Wang Fang", false, null)]), Actor.System);
        if (payFee)
        {
            await fixture.GrantPaidAsync(patent, owners[0]);
        }
        else
        {
            await patent.Grant(Today, Actor.System);
        }
        return (number, owners);
    }

    private async Task<Guid> BuyerAsync(long fen, bool domestic = true)
    {
        var buyer = Guid.NewGuid();
        var participant = fixture.Grains.GetGrain<IParticipantGrain>(buyer);
        await participant.Register(new RegisterParticipant("Buyer " + buyer.ToString("N")[..6], ParticipantKind.Enterprise,
            domestic ? TestCodes.NewCreditCode() : "DE-HRB-" + Random.Shared.Next(100_000, 999_999), ParticipantRoles.Investor, domestic, false), Actor.System);
        await participant.DecideKyc(KycDecision.Verify, "", Actor.System);
        if (fen > 0)
        {
            await fixture.Account(buyer).Deposit("deposit:" + Guid.NewGuid(), new Money(fen), "funds", Actor.System);
        }
        return buyer;
    }

    private IPatentTransferGrain NewTransfer() => fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());

    [Fact]
    public async Task ListedPatentSold_ConsentsEscrowRecording_MoveMoneyAndOwnershipExactlyOnce()
    {
        var (number, owners) = await PatentInForceAsync(6_000, 4_000);
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        foreach (var owner in owners)
        {
            await patent.GrantMandate(owner, agency, Today.AddYears(1), new Actor(owner, "Owner"));
        }
        var listing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await listing.Create(new CreateListing([number], Money.FromYuan(1_200_000), null, Today.AddMonths(2)), new Actor(agency, "Agency"));
        var buyer = await BuyerAsync(200_000_000);
        var offerId = Guid.NewGuid();
        await listing.MakeOffer(offerId, new MakeOffer(OfferKind.Purchase, new Money(100_000_001), null, Today.AddDays(10)), new Actor(buyer, "Investor"));
        var accepted = await listing.Accept(offerId, new Actor(agency, "Agency"));
        var transferId = Assert.Single(accepted.Offers.Single().PatentTransfers);
        var process = fixture.Grains.GetGrain<IPatentTransferGrain>(transferId);
        Assert.Equal(transferId, (await patent.TryGet())!.PendingTransfer);

        Assert.Equal(PatentTransferStatus.Proposed, (await process.Consent(new Actor(owners[0], "Owner"))).Status);
        Assert.Equal(PatentTransferStatus.Consented, (await process.Consent(new Actor(owners[1], "Owner"))).Status);
        var escrowed = await process.EscrowFunds(new Actor(buyer, "Investor"));
        Assert.Equal(PatentTransferStatus.FundsInEscrow, escrowed.Status);
        Assert.Equal(new Money(100_000_001), (await fixture.Account(buyer).GetBalances()).Reserved);

        var settled = await process.Record("CNIPA-ASSIGN-2026-0001", Operator);
        await process.Record("CNIPA-ASSIGN-2026-0001", Operator);

        Assert.Equal(PatentTransferStatus.Settled, settled.Status);
        Assert.Equal([new Money(60_000_001), new Money(40_000_000)], settled.SellerProceeds); // 60/40 of 1,000,000.01, to the fen
        Assert.Equal(new Money(60_000_001), (await fixture.Account(owners[0]).GetBalances()).Available);
        Assert.Equal(new Money(40_000_000), (await fixture.Account(owners[1]).GetBalances()).Available);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(99_999_999), Money.Zero), await fixture.Account(buyer).GetBalances());
        var after = (await patent.TryGet())!;
        Assert.Equal([new PatentOwner(buyer, 10_000)], after.Owners);
        Assert.Null(after.PendingTransfer);
        Assert.Empty(after.Mandates);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task CompletedTransfer_EndsTheOldOwnersOtherListings()
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.GrantMandate(owners[0], agency, Today.AddYears(1), new Actor(owners[0], "Owner"));
        var licensing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        var terms = new Grains.Licenses.LicenseTerms(Grains.Licenses.LicenseType.Ordinary, ["CN"], ["H01L"], 12, Money.FromYuan(1), 100, Money.Zero);
        await licensing.Create(new CreateListing([number], null, terms, Today.AddMonths(1)), new Actor(agency, "Agency"));

        var buyer = await BuyerAsync(10_000);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(1_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        Assert.Equal(PatentTransferStatus.Settled, (await process.Record("REG-2", Operator)).Status);

        Assert.Equal(ListingStatus.Withdrawn, (await licensing.TryGet())!.Status);
        Assert.Empty((await patent.TryGet())!.OpenListings);
    }

    [Fact]
    public async Task ExistingLicences_SurviveTheAssignment()
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var licence = fixture.Grains.GetGrain<Grains.Licenses.ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new Grains.Licenses.DraftLicense([number], await fixture.NewParticipantAsync(),
            new Grains.Licenses.LicenseTerms(Grains.Licenses.LicenseType.Sole, ["CN"], ["H01L"], 12, Money.Zero, 100, Money.Zero), Today), Actor.System);
        await licence.Submit(Actor.System);
        await licence.Consent(new Actor(owners[0], "Owner"));

        var buyer = await BuyerAsync(10_000);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(3_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        await process.Record("REG-L", Operator);

        var patent = (await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!;
        Assert.Equal([new PatentOwner(buyer, 10_000)], patent.Owners);
        Assert.Single(patent.Licenses);
        Assert.Equal(Grains.Licenses.LicenseStatus.Active, (await licence.TryGet())!.Status);
    }

    [Fact]
    public async Task ExclusiveLicenceWhileThePatentIsBeingTransferred_IsRefused()
    {
        var (number, _) = await PatentInForceAsync(10_000);
        await NewTransfer().Propose(new ProposePatentTransfer(number, await BuyerAsync(0), new Money(100), null, null), Actor.System);
        var licence = fixture.Grains.GetGrain<Grains.Licenses.ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new Grains.Licenses.DraftLicense([number], await fixture.NewParticipantAsync(),
            new Grains.Licenses.LicenseTerms(Grains.Licenses.LicenseType.Exclusive, ["CN"], ["H01L"], 12, Money.Zero, 100, Money.Zero), Today), Actor.System);
        Assert.Equal(DomainErrors.PatentTransferPending, (await Assert.ThrowsAsync<DomainException>(() => licence.Submit(Actor.System))).Error);
    }

    [Fact]
    public async Task TransferOfALapsedPatent_IsRefused()
    {
        var (number, owners) = await PatentAsync(payFee: false, 10_000);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        fixture.Clock.Advance(TimeSpan.FromDays(190)); // the grant-year fee was never paid
        Assert.Equal(LegalStatus.Lapsed, (await patent.CheckDeadlines()).LegalStatus);
        var buyer = await BuyerAsync(1_000);
        var error = await Assert.ThrowsAsync<DomainException>(() => NewTransfer().Propose(new ProposePatentTransfer(number, buyer, new Money(100), null, null), Actor.System));
        Assert.Equal(DomainErrors.PatentNotInForce, error.Error);
    }

    [Fact]
    public async Task SecondConcurrentTransferOfTheSamePatent_IsRefused()
    {
        var (number, _) = await PatentInForceAsync(10_000);
        await NewTransfer().Propose(new ProposePatentTransfer(number, await BuyerAsync(0), new Money(100), null, null), Actor.System);
        var secondBuyer = await BuyerAsync(0);
        var error = await Assert.ThrowsAsync<DomainException>(() => NewTransfer().Propose(new ProposePatentTransfer(number, secondBuyer, new Money(200), null, null), Actor.System));
        Assert.Equal(DomainErrors.PatentTransferPending, error.Error);
    }

    [Fact]
    public async Task EscrowBeforeEveryCoOwnerConsented_IsRefused()
    {
        var (number, owners) = await PatentInForceAsync(5_000, 5_000);
        var buyer = await BuyerAsync(10_000);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(1_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        var error = await Assert.ThrowsAsync<DomainException>(() => process.EscrowFunds(new Actor(buyer, "Investor")));
        Assert.Equal(DomainErrors.ConsentMissing, error.Error);
        Assert.Equal(Money.Zero, (await fixture.Account(buyer).GetBalances()).Reserved);
    }

    [Fact]
    public async Task BuyerWithoutFunds_IsRefused_AndNoPartOfTheEscrowStays()
    {
        var (number, owners) = await PatentInForceAsync(5_000, 5_000);
        var buyer = await BuyerAsync(700); // enough for the first seller's half, not for both
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(1_000), null, null), Actor.System);
        foreach (var owner in owners)
        {
            await process.Consent(new Actor(owner, "Owner"));
        }
        var error = await Assert.ThrowsAsync<DomainException>(() => process.EscrowFunds(new Actor(buyer, "Investor")));
        Assert.Equal(DomainErrors.InsufficientFunds, error.Error);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(700), Money.Zero), await fixture.Account(buyer).GetBalances());
        Assert.Equal(PatentTransferStatus.Consented, (await process.TryGet())!.Status);
    }

    [Fact]
    public async Task ForeignBuyer_IsRecordedOnlyWithATechnologyExportApproval()
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var buyer = await BuyerAsync(10_000, domestic: false);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(5_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        var error = await Assert.ThrowsAsync<DomainException>(() => process.Record("REG-1", Operator));
        Assert.Equal(DomainErrors.ExportApprovalMissing, error.Error);
        Assert.Equal(PatentTransferStatus.FundsInEscrow, (await process.TryGet())!.Status);

        await process.FileExportApproval("MOFCOM-TE-2026-123", new Actor(buyer, "Investor"));
        Assert.Equal(PatentTransferStatus.Settled, (await process.Record("REG-1", Operator)).Status);
    }

    [Fact]
    public async Task CancelledInEscrow_ReleasesTheFunds_AndFreesThePatentForAnotherTransfer()
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var buyer = await BuyerAsync(10_000);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(4_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => process.Cancel(new Actor(Guid.NewGuid(), "Investor")))).Error);

        Assert.Equal(PatentTransferStatus.Cancelled, (await process.Cancel(new Actor(buyer, "Investor"))).Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(10_000), Money.Zero), await fixture.Account(buyer).GetBalances());
        Assert.Null((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.PendingTransfer);
        await NewTransfer().Propose(new ProposePatentTransfer(number, buyer, new Money(4_500), null, null), Actor.System);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => process.Record("REG", Operator))).Error);
    }

    private async Task<(IPatentTransferGrain Process, string Number, Guid Buyer, Guid[] Owners)> EscrowedAsync(long price = 4_000, long funds = 10_000)
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var buyer = await BuyerAsync(funds);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(price), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        return (process, number, buyer, owners);
    }

    [Fact]
    public async Task EscrowHolds_CannotBeReleasedOrSettledByTheBuyerDirectly()
    {
        var (process, _, buyer, _) = await EscrowedAsync();
        var hold = Assert.Single(await fixture.Store.LoadReservationsAsync(AccountId.ForParticipant(buyer)));
        Assert.Equal($"patent-transfer:{(await process.TryGet())!.TransferId:N}", hold.ControlledBy);
        var holdGrain = fixture.Grains.GetGrain<ITransferGrain>(hold.TransferId);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => holdGrain.Release(new Actor(buyer, "Investor")))).Error);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => holdGrain.Settle(new Actor(buyer, "Investor")))).Error);
        Assert.Equal(TransferStatus.FundsReserved, (await holdGrain.TryGet())!.Status);
    }

    [Fact]
    public async Task EscrowRetriedAfterAFailedAttempt_ReservesThePriceInFull_AndSettles()
    {
        var (number, owners) = await PatentInForceAsync(5_000, 5_000);
        var buyer = await BuyerAsync(700);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(1_000), null, null), Actor.System);
        foreach (var owner in owners)
        {
            await process.Consent(new Actor(owner, "Owner"));
        }
        await Assert.ThrowsAsync<DomainException>(() => process.EscrowFunds(new Actor(buyer, "Investor")));
        await fixture.Account(buyer).Deposit("deposit:" + Guid.NewGuid(), new Money(300), "top-up", Actor.System);

        Assert.Equal(PatentTransferStatus.FundsInEscrow, (await process.EscrowFunds(new Actor(buyer, "Investor"))).Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), Money.Zero, new Money(1_000)), await fixture.Account(buyer).GetBalances());
        Assert.Equal(PatentTransferStatus.Settled, (await process.Record("REG-5", Operator)).Status);
        Assert.Equal(new Money(500), (await fixture.Account(owners[0]).GetBalances()).Available);
        Assert.Equal(new Money(500), (await fixture.Account(owners[1]).GetBalances()).Available);
    }

    [Fact]
    public async Task PatentInvalidatedDuringEscrow_CancelsTheTransfer_AndReturnsTheFunds()
    {
        var (process, number, buyer, _) = await EscrowedAsync();
        await fixture.Grains.GetGrain<IPatentGrain>(number).Invalidate("CNIPA-INV-9", Actor.System);
        var cancelled = await process.TryGet();
        Assert.Equal(PatentTransferStatus.Cancelled, cancelled!.Status);
        Assert.Contains("declared invalid", cancelled.CancelReason ?? "");
        var error = await Assert.ThrowsAsync<DomainException>(() => process.Record("REG-6", Operator));
        Assert.Equal(DomainErrors.InvalidTransition, error.Error);
        Assert.Equal(PatentTransferStatus.Cancelled, (await process.Cancel(new Actor(buyer, "Investor"))).Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(10_000), Money.Zero), await fixture.Account(buyer).GetBalances());
    }

    [Fact]
    public async Task RecordedTransfer_CannotBeCancelled()
    {
        var (number, owners) = await PatentInForceAsync(10_000);
        var buyer = await BuyerAsync(10_000);
        var process = NewTransfer();
        await process.Propose(new ProposePatentTransfer(number, buyer, new Money(4_000), null, null), Actor.System);
        await process.Consent(new Actor(owners[0], "Owner"));
        await process.EscrowFunds(new Actor(buyer, "Investor"));
        await process.Record("REG-9", Operator);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => process.Cancel(new Actor(buyer, "Investor")))).Error);
    }
}
