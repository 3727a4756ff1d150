using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Licenses;

/// <summary>A licence's licensors are its patents' current owners: after a sale the buyer acts on it and the seller no longer can.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LicenseFollowsPatentTests(ClusterFixture fixture)
{
    private static readonly Actor Operator = new(Guid.NewGuid(), "Operator");

    private static LicenseTerms Terms(LicenseType type) => new(type, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.FromYuan(5_000));

    private async Task<ILicenseGrain> ActiveLicenceAsync(string number, LicenseType type = LicenseType.Ordinary)
    {
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(100_000_000), Terms(type), fixture.Today), Actor.System);
        await licence.Submit(Actor.System);
        return licence;
    }

    /// <summary>Sells the patent to a new buyer through a complete patent transfer.</summary>
    private async Task<Guid> SellAsync(string number, Guid[] owners)
    {
        var buyer = await fixture.FundedParticipantAsync(1_000_000);
        var sale = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        await sale.Propose(new ProposePatentTransfer(number, buyer, new Money(100_000), null, null), Actor.System);
        foreach (var owner in owners)
        {
            await sale.Consent(new Actor(owner, "Owner"));
        }
        await sale.EscrowFunds(new Actor(buyer, "Investor"));
        Assert.Equal(PatentTransferStatus.Settled, (await sale.Record("REG-" + number, Operator)).Status);
        return buyer;
    }

    [Fact]
    public async Task AfterASale_TheBuyerIsTheLicensor_AndTheOldOwnerMayNoLongerTerminate()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var licence = await ActiveLicenceAsync(number);
        var buyer = await SellAsync(number, owners);

        Assert.Equal([buyer], (await licence.TryGet())!.Licensors);
        var refused = await Assert.ThrowsAsync<DomainException>(() => licence.Terminate(new Actor(owners[0], "Owner")));
        Assert.Equal(DomainErrors.Forbidden, refused.Error);
        Assert.Equal(LicenseStatus.Terminated, (await licence.Terminate(new Actor(buyer, "Owner"))).Status);
    }

    [Fact]
    public async Task AfterASale_RoyaltiesGoToTheBuyer()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var licence = await ActiveLicenceAsync(number);
        var licensee = (await licence.TryGet())!.Licensee;
        var buyer = await SellAsync(number, owners);
        var before = (await fixture.Account(owners[0]).GetBalances()).Available;

        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), new Actor(licensee, "Licensee"));
        var paid = await licence.PayRoyalty(0, new Actor(licensee, "Licensee"));

        Assert.Equal(before, (await fixture.Account(owners[0]).GetBalances()).Available);
        Assert.Equal(new Money(1_000_000 - 100_000) + paid.Royalty, (await fixture.Account(buyer).GetBalances()).Available);
    }

    [Fact]
    public async Task ConsentOfSomeoneWhoNoLongerOwnsThePatent_IsRefused_AndTheCurrentOwnersAreNamed()
    {
        var (number, owners) = await fixture.PatentInForceAsync(owners: 2);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(100_000_000), Terms(LicenseType.Exclusive), fixture.Today), Actor.System);
        await licence.Submit(Actor.System);
        var stranger = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);

        var refused = await Assert.ThrowsAsync<DomainException>(() => licence.Consent(new Actor(stranger, "Owner")));
        Assert.Equal(DomainErrors.Forbidden, refused.Error);
        Assert.Contains(owners[0].ToString(), refused.Message);
        Assert.Equal(owners.Order(), (await licence.TryGet())!.RequiredConsents.Order());
    }

    [Fact]
    public async Task NoTransferStarts_WhileAnExclusiveLicenceAwaitsItsCoOwnersConsents()
    {
        var (number, owners) = await fixture.PatentInForceAsync(owners: 2);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(100_000_000), Terms(LicenseType.Exclusive), fixture.Today), Actor.System);
        Assert.Equal(LicenseStatus.ConsentsPending, (await licence.Submit(Actor.System)).Status);
        var buyer = await fixture.FundedParticipantAsync(1_000_000);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid()).Propose(new ProposePatentTransfer(number, buyer, new Money(100_000), null, null), Actor.System));
        Assert.Equal(DomainErrors.LicenseConsentsPending, refused.Error);

        foreach (var owner in owners)
        {
            await licence.Consent(new Actor(owner, "Owner"));
        }
        var sale = await fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid()).Propose(new ProposePatentTransfer(number, buyer, new Money(100_000), null, null), Actor.System);
        Assert.Equal(PatentTransferStatus.Proposed, sale.Status); // in effect, the licence no longer blocks it; it survives the sale
    }

    [Fact]
    public async Task AcceptingALicenceOffer_IsRefused_OnceTheAgencysMandateHasEnded()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.GrantMandate(owners[0], agency, fixture.Today.AddDays(1), new Actor(owners[0], "Owner"));
        var listing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        var terms = Terms(LicenseType.Ordinary);
        await listing.Create(new CreateListing([number], null, terms, fixture.Today.AddMonths(3)), new Actor(agency, "Agency"));
        var offerId = Guid.NewGuid();
        await listing.MakeOffer(offerId, new MakeOffer(OfferKind.License, null, terms, fixture.Today.AddMonths(1)), new Actor(await fixture.NewParticipantAsync(), "Licensee"));

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var refused = await Assert.ThrowsAsync<DomainException>(() => listing.Accept(offerId, new Actor(agency, "Agency")));
        Assert.Equal(DomainErrors.MandateMissing, refused.Error);
        Assert.Equal(OfferStatus.Submitted, (await listing.TryGet())!.Offers.Single().Status);
    }

    [Fact]
    public async Task AcceptedLicenceOffer_IsExecutedByTheLicenceGrain_OnlyForItsLicensee_AndTheOfferRecordsIt()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        await fixture.Grains.GetGrain<IPatentGrain>(number).GrantMandate(owners[0], agency, fixture.Today.AddYears(1), new Actor(owners[0], "Owner"));
        var listingId = Guid.NewGuid();
        var listing = fixture.Grains.GetGrain<IListingGrain>(listingId);
        var terms = Terms(LicenseType.Ordinary);
        await listing.Create(new CreateListing([number], null, terms, fixture.Today.AddMonths(3)), new Actor(agency, "Agency"));
        var licensee = await fixture.FundedParticipantAsync(1_000_000);
        var offerId = Guid.NewGuid();
        await listing.MakeOffer(offerId, new MakeOffer(OfferKind.License, null, terms, fixture.Today.AddMonths(1)), new Actor(licensee, "Licensee"));
        await listing.Accept(offerId, new Actor(agency, "Agency"));
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());

        var stranger = await fixture.NewParticipantAsync();
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() =>
            licence.ExecuteAcceptedOffer(listingId, offerId, fixture.Today, new Actor(stranger, "Licensee")))).Error);
        var executed = await licence.ExecuteAcceptedOffer(listingId, offerId, fixture.Today, new Actor(licensee, "Licensee"));

        Assert.Equal(LicenseStatus.Active, executed.Status);
        var repeated = await licence.ExecuteAcceptedOffer(listingId, offerId, fixture.Today, new Actor(licensee, "Licensee"));
        Assert.Equal((executed.LicenseId, executed.Status, executed.EffectiveOn), (repeated.LicenseId, repeated.Status, repeated.EffectiveOn));
        var offer = (await listing.TryGet())!.Offers.Single(o => o.OfferId == offerId);
        Assert.Equal(executed.LicenseId, offer.ExecutedAs);
        Assert.Empty((await listing.TryGet())!.LicenseDrafts);
        // Executed once: a second licence for the same offer finds nothing to execute.
        Assert.Equal(DomainErrors.OfferNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid()).ExecuteAcceptedOffer(listingId, offerId, fixture.Today, new Actor(licensee, "Licensee")))).Error);
    }
}
