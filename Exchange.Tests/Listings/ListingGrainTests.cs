using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Listings;

[Collection(ClusterCollection.Name)]
public sealed class ListingGrainTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private static LicenseTerms Terms(LicenseType type = LicenseType.Ordinary) =>
        new(type, ["CN"], ["H01M"], 60, Money.FromYuan(50_000), 350, Money.FromYuan(20_000));

    /// <summary>An in-force patent owned by the given owners, each of whom mandates the agency unless told otherwise.</summary>
    private async Task<(string Number, Guid Agency, Guid[] Owners)> MandatedPatentAsync(int owners = 1, bool mandateAll = true, bool grant = true)
    {
        var ownerIds = new Guid[owners];
        for (var i = 0; i < owners; i++)
        {
            ownerIds[i] = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        }
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var filed = Today.AddYears(-2).AddDays(-5); // the fee paid at grant is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        var shares = Enumerable.Repeat(10_000 / owners, owners).ToArray();
        shares[0] += 10_000 - shares.Sum();
        await patent.Register(new RegisterPatent(number, "Sodium-ion cathode", "", ["H01M 4/36"], filed,
            ownerIds.Select((o, i) => new PatentOwner(o, shares[i])).ToArray(), [new Inventor("Chen Jie", false, null)]), Actor.System);
        if (grant)
        {
            await fixture.GrantPaidAsync(patent, ownerIds[0]);
        }
        foreach (var owner in mandateAll ? ownerIds : ownerIds.Take(1))
        {
            await patent.GrantMandate(owner, agency, Today.AddYears(1), new Actor(owner, "Owner"));
        }
        return (number, agency, ownerIds);
    }

    private async Task<(IListingGrain Listing, string Number, Guid Agency, Guid[] Owners)> OpenListingAsync(Money? salePrice = null, LicenseTerms? terms = null)
    {
        var (number, agency, owners) = await MandatedPatentAsync();
        var listing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await listing.Create(new CreateListing([number], salePrice ?? Money.FromYuan(800_000), terms, Today.AddMonths(3)), new Actor(agency, "Agency"));
        return (listing, number, agency, owners);
    }

    private static MakeOffer Purchase(decimal yuan, DateOnly expires) => new(OfferKind.Purchase, Money.FromYuan(yuan), null, expires);

    [Fact]
    public async Task MandatedAgency_ListsAPatentInForce_AndThePatentShowsTheListing()
    {
        var (listing, number, agency, _) = await OpenListingAsync();
        var snapshot = (await listing.TryGet())!;
        Assert.Equal((ListingStatus.Open, agency), (snapshot.Status, snapshot.AgencyId));
        var patent = (await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!;
        Assert.Contains(snapshot.ListingId, patent.OpenListings);
        Assert.Contains(new Encumbrance(EncumbranceKind.Listing, $"listing:{snapshot.ListingId:N}"), patent.Encumbrances);
    }

    [Fact]
    public async Task ListingWithoutEveryOwnersMandate_IsRefused()
    {
        var (number, agency, _) = await MandatedPatentAsync(owners: 2, mandateAll: false);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid())
            .Create(new CreateListing([number], Money.FromYuan(1), null, Today.AddDays(30)), new Actor(agency, "Agency")));
        Assert.Equal(DomainErrors.MandateMissing, error.Error);
    }

    [Fact]
    public async Task ListingAPatentNotYetInForce_IsRefused()
    {
        var (number, agency, _) = await MandatedPatentAsync(grant: false);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid())
            .Create(new CreateListing([number], Money.FromYuan(1), null, Today.AddDays(30)), new Actor(agency, "Agency")));
        Assert.Equal(DomainErrors.PatentNotInForce, error.Error);
    }

    [Fact]
    public async Task ListingNeitherForSaleNorLicence_OrAlreadyExpired_IsRefused()
    {
        var (number, agency, _) = await MandatedPatentAsync();
        var grain = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await Assert.ThrowsAsync<DomainException>(() => grain.Create(new CreateListing([number], null, null, Today.AddDays(30)), new Actor(agency, "Agency")));
        await Assert.ThrowsAsync<DomainException>(() => grain.Create(new CreateListing([number], Money.FromYuan(5), null, Today), new Actor(agency, "Agency")));
        Assert.Null(await grain.TryGet());
    }

    [Fact]
    public async Task CounterOfferAcceptedByTheBidder_ClosesTheListing_AndRejectsTheOtherOffers()
    {
        var (listing, number, agency, _) = await OpenListingAsync();
        var buyer = await fixture.NewParticipantAsync();
        var rival = await fixture.NewParticipantAsync();
        var offer = Guid.NewGuid();
        var rivalOffer = Guid.NewGuid();
        await listing.MakeOffer(offer, Purchase(600_000, Today.AddDays(20)), new Actor(buyer, "Investor"));
        await listing.MakeOffer(rivalOffer, Purchase(500_000, Today.AddDays(20)), new Actor(rival, "Investor"));

        var countered = await listing.Counter(offer, Money.FromYuan(700_000), null, new Actor(agency, "Agency"));
        Assert.Equal(OfferStatus.Countered, countered.Status);
        var closed = await listing.Accept(offer, new Actor(buyer, "Investor"));

        Assert.Equal(ListingStatus.Closed, closed.Status);
        var accepted = closed.Offers.Single(o => o.OfferId == offer);
        Assert.Equal((OfferStatus.Accepted, Money.FromYuan(700_000)), (accepted.Status, accepted.AgreedPrice));
        Assert.Equal(OfferStatus.Rejected, closed.Offers.Single(o => o.OfferId == rivalOffer).Status);
        Assert.Empty((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.OpenListings);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => listing.MakeOffer(Guid.NewGuid(), Purchase(900_000, Today.AddDays(5)), new Actor(rival, "Investor")))).Error);
    }

    [Fact]
    public async Task AcceptedOrdinaryLicence_LeavesTheListingOpenForMoreLicensees()
    {
        var (listing, _, agency, _) = await OpenListingAsync(terms: Terms());
        var licensee = await fixture.NewParticipantAsync(roles: ParticipantRoles.Licensee);
        var offer = Guid.NewGuid();
        await listing.MakeOffer(offer, new MakeOffer(OfferKind.License, null, Terms(), Today.AddDays(10)), new Actor(licensee, "Licensee"));
        var after = await listing.Accept(offer, new Actor(agency, "Agency"));
        Assert.Equal(ListingStatus.Open, after.Status);
        Assert.Equal(OfferStatus.Accepted, after.Offers.Single().Status);
        var draft = Assert.Single(after.LicenseDrafts);
        Assert.Equal((licensee, offer, LicenseType.Ordinary), (draft.Licensee, draft.OfferId, draft.Terms.Type));
        Assert.Equal(after.OwnerIds, draft.Licensors);
    }

    [Fact]
    public async Task AcceptedExclusiveLicence_ClosesTheListing()
    {
        var (listing, _, agency, _) = await OpenListingAsync(terms: Terms(LicenseType.Exclusive));
        var licensee = await fixture.NewParticipantAsync(roles: ParticipantRoles.Licensee);
        var offer = Guid.NewGuid();
        await listing.MakeOffer(offer, new MakeOffer(OfferKind.License, null, Terms(LicenseType.Exclusive), Today.AddDays(10)), new Actor(licensee, "Licensee"));
        Assert.Equal(ListingStatus.Closed, (await listing.Accept(offer, new Actor(agency, "Agency"))).Status);
    }

    [Fact]
    public async Task OffersFromTheSellingSide_OrNotMatchingTheListing_AreRefused()
    {
        var (listing, _, agency, owners) = await OpenListingAsync();
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => listing.MakeOffer(Guid.NewGuid(), Purchase(1, Today.AddDays(5)), new Actor(owners[0], "Owner")))).Error);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => listing.MakeOffer(Guid.NewGuid(), Purchase(1, Today.AddDays(5)), new Actor(agency, "Agency")))).Error);
        var bidder = await fixture.NewParticipantAsync();
        Assert.Equal(DomainErrors.OfferMismatch, (await Assert.ThrowsAsync<DomainException>(() =>
            listing.MakeOffer(Guid.NewGuid(), new MakeOffer(OfferKind.License, null, Terms(), Today.AddDays(5)), new Actor(bidder, "Licensee")))).Error);
        Assert.Equal(DomainErrors.InvalidAmount, (await Assert.ThrowsAsync<DomainException>(() => listing.MakeOffer(Guid.NewGuid(), new MakeOffer(OfferKind.Purchase, Money.Zero, null, Today.AddDays(5)), new Actor(bidder, "Investor")))).Error);
        Assert.Empty((await listing.TryGet())!.Offers);
    }

    [Fact]
    public async Task OfferPastItsDate_CannotBeAccepted_EvenBeforeTheExpirySweep()
    {
        var (listing, _, agency, _) = await OpenListingAsync();
        var bidder = await fixture.NewParticipantAsync();
        var offer = Guid.NewGuid();
        await listing.MakeOffer(offer, Purchase(10, Today.AddDays(1)), new Actor(bidder, "Investor"));
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => listing.Accept(offer, new Actor(agency, "Agency")))).Error);
    }

    [Fact]
    public async Task OnlyTheListerAccepts_AndOnlyTheBidderWithdraws()
    {
        var (listing, _, agency, _) = await OpenListingAsync();
        var bidder = await fixture.NewParticipantAsync();
        var stranger = await fixture.NewParticipantAsync();
        var offer = Guid.NewGuid();
        await listing.MakeOffer(offer, Purchase(10, Today.AddDays(5)), new Actor(bidder, "Investor"));
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => listing.Accept(offer, new Actor(stranger, "Investor")))).Error);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => listing.WithdrawOffer(offer, new Actor(agency, "Agency")))).Error);
        // The bidder cannot accept its own offer: there is no counter-offer to accept.
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => listing.Accept(offer, new Actor(bidder, "Investor")))).Error);
        Assert.Equal(OfferStatus.Withdrawn, (await listing.WithdrawOffer(offer, new Actor(bidder, "Investor"))).Status);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => listing.Accept(offer, new Actor(agency, "Agency")))).Error);
    }

    [Fact]
    public async Task TimePassing_ExpiresOffersThenTheListing()
    {
        var (listing, number, _, _) = await OpenListingAsync();
        var bidder = await fixture.NewParticipantAsync();
        var shortOffer = Guid.NewGuid();
        var longOffer = Guid.NewGuid();
        await listing.MakeOffer(shortOffer, Purchase(10, Today.AddDays(3)), new Actor(bidder, "Investor"));
        await listing.MakeOffer(longOffer, Purchase(20, Today.AddYears(1)), new Actor(bidder, "Investor"));

        fixture.Clock.Advance(TimeSpan.FromDays(4));
        var afterFour = await listing.CheckExpiry();
        Assert.Equal((ListingStatus.Open, OfferStatus.Expired, OfferStatus.Submitted),
            (afterFour.Status, afterFour.Offers.Single(o => o.OfferId == shortOffer).Status, afterFour.Offers.Single(o => o.OfferId == longOffer).Status));

        fixture.Clock.Advance(TimeSpan.FromDays(100));
        var expired = await listing.CheckExpiry();
        Assert.Equal(ListingStatus.Expired, expired.Status);
        Assert.All(expired.Offers, o => Assert.Equal(OfferStatus.Expired, o.Status));
        Assert.Empty((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.OpenListings);
    }

    [Fact]
    public async Task WithdrawnListing_RejectsItsLiveOffers_AndOnlyItsAgencyMayWithdrawIt()
    {
        var (listing, _, agency, owners) = await OpenListingAsync();
        var bidder = await fixture.NewParticipantAsync();
        await listing.MakeOffer(Guid.NewGuid(), Purchase(10, Today.AddDays(5)), new Actor(bidder, "Investor"));
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => listing.Withdraw(new Actor(owners[0], "Owner")))).Error);
        var withdrawn = await listing.Withdraw(new Actor(agency, "Agency"));
        Assert.Equal(ListingStatus.Withdrawn, withdrawn.Status);
        Assert.All(withdrawn.Offers, o => Assert.Equal(OfferStatus.Rejected, o.Status));
        Assert.Equal(ListingStatus.Withdrawn, (await listing.Withdraw(new Actor(agency, "Agency"))).Status);
    }

    [Fact]
    public async Task GrainsWithDeadlines_AreMarkedForWakingAtStartUp_UntilTheirDeadlinesEnd()
    {
        var (listing, number, agency, _) = await OpenListingAsync();
        var listingKey = (await listing.TryGet())!.ListingId.ToString("N");
        Assert.Contains(number, await fixture.Store.ReadWakeupsAsync(WakeupKinds.Patent, "", 100_000));
        Assert.Contains(listingKey, await fixture.Store.ReadWakeupsAsync(WakeupKinds.Listing, "", 100_000));

        var sweep = new Grains.Hosting.ReminderRearmService(fixture.Store, fixture.Grains, Microsoft.Extensions.Logging.Abstractions.NullLogger<Grains.Hosting.ReminderRearmService>.Instance);
        Assert.True(await sweep.SweepAsync(CancellationToken.None) >= 2);

        await listing.Withdraw(new Actor(agency, "Agency"));
        Assert.DoesNotContain(listingKey, await fixture.Store.ReadWakeupsAsync(WakeupKinds.Listing, "", 100_000));
    }

    [Fact]
    public async Task RepeatedCreateAndOffer_AreIdempotent()
    {
        var (number, agency, _) = await MandatedPatentAsync();
        var grain = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        var command = new CreateListing([number], null, Terms(), Today.AddDays(30));
        var first = await grain.Create(command, new Actor(agency, "Agency"));
        var again = await grain.Create(command with { LicenseTerms = Terms() }, new Actor(agency, "Agency"));
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        var bidder = await fixture.NewParticipantAsync();
        var offerId = Guid.NewGuid();
        var offer = new MakeOffer(OfferKind.License, null, Terms(), Today.AddDays(5));
        await grain.MakeOffer(offerId, offer, new Actor(bidder, "Licensee"));
        await grain.MakeOffer(offerId, offer with { LicenseTerms = Terms() }, new Actor(bidder, "Licensee"));
        Assert.Single((await grain.TryGet())!.Offers);
        Assert.Equal(DomainErrors.IdempotencyKeyReused, (await Assert.ThrowsAsync<DomainException>(() =>
            grain.MakeOffer(offerId, offer with { LicenseTerms = Terms(LicenseType.Sole) }, new Actor(bidder, "Licensee")))).Error);
    }
}
