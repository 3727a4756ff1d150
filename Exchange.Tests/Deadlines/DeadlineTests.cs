using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Deadlines;

/// <summary>Whatever holds money or a patent has a deadline; when it passes, what it held is released (domain.md §2).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeadlineTests(ClusterFixture fixture)
{
    private static LicenseTerms Exclusive => new(LicenseType.Exclusive, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.Zero);

    [Fact]
    public async Task PatentTransferNotRecordedInTime_IsCancelled_TheEscrowReleased_AndThePatentFree()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var buyer = await fixture.FundedParticipantAsync(500_000);
        var transfer = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        var proposed = await transfer.Propose(new ProposePatentTransfer(number, buyer, new Money(300_000), null, null), Actor.System);
        await transfer.Consent(new Actor(owners[0], "Owner"));
        await transfer.EscrowFunds(new Actor(buyer, "Investor"));
        var control = fixture.Grains.GetGrain<IPatentTransferControl>(transfer.GetPrimaryKey());

        fixture.Clock.Advance(TimeSpan.FromDays(proposed.RecordingDeadline.DayNumber - fixture.Today.DayNumber)); // on the deadline: still open
        Assert.Equal(PatentTransferStatus.FundsInEscrow, (await control.CheckDeadline()).Status);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var cancelled = await control.CheckDeadline();

        Assert.Equal(PatentTransferStatus.Cancelled, cancelled.Status);
        Assert.Contains("not recorded", cancelled.CancelReason);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(500_000), Money.Zero), await fixture.Account(buyer).GetBalances());
        Assert.Null((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.PendingTransfer);
    }

    [Fact]
    public async Task ExclusiveLicenceWithoutEveryConsentInTime_Expires_AndFreesItsScopeForTheNext()
    {
        var (number, _) = await fixture.PatentInForceAsync(owners: 2);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000), Exclusive, fixture.Today), Actor.System);
        await licence.Submit(Actor.System);

        fixture.Clock.Advance(TimeSpan.FromDays(LicensePeriods.ConsentDays));
        Assert.Equal(LicenseStatus.ConsentsPending, (await licence.CheckExpiry()).Status);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var expired = await licence.CheckExpiry();

        Assert.Equal(LicenseStatus.Expired, expired.Status);
        Assert.Contains("consents", expired.EndReason);
        Assert.Empty((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses);
        var next = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await next.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000), Exclusive, fixture.Today), Actor.System);
        Assert.Equal(LicenseStatus.ConsentsPending, (await next.Submit(Actor.System)).Status);
    }

    [Fact]
    public async Task ClaimLeftByASubmissionThatDied_LapsesUnconfirmed_AndThePatentReleasesIt()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var patent = fixture.Grains.GetGrain<IPatentEncumbrances>(number);
        var start = fixture.Today;
        // A submission claimed the scope and never came back to confirm it.
        await patent.ClaimLicense(new LicenseClaim(Guid.NewGuid(), LicenseType.Exclusive, new LicenseScope(start, start.AddYears(1), ["CN"], ["H01M"])));
        var blocked = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await blocked.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000), Exclusive, start), Actor.System);
        Assert.Equal(DomainErrors.LicenseConflict, (await Assert.ThrowsAsync<DomainException>(() => blocked.Submit(Actor.System))).Error);

        fixture.Clock.Advance(LicenseClaimRules.ProvisionalLifetime + TimeSpan.FromMinutes(1));
        Assert.Empty((await fixture.Grains.GetGrain<IPatentGrain>(number).CheckDeadlines()).Licenses);
        Assert.Single(await fixture.AuditOfAsync($"patent:{number}", "unconfirmed-claims-lapsed"));
        Assert.Equal(LicenseStatus.ConsentsPending, (await blocked.Submit(Actor.System)).Status);
    }

    [Fact]
    public async Task ClaimThatLapsedBeforeItsConfirmation_IsMadeAgain_IfNothingTookTheScopeMeanwhile()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var patent = fixture.Grains.GetGrain<IPatentEncumbrances>(number);
        var start = fixture.Today;
        var claim = new LicenseClaim(Guid.NewGuid(), LicenseType.Sole, new LicenseScope(start, start.AddYears(1), ["CN"], ["H01M"]));
        await patent.ClaimLicense(claim);
        fixture.Clock.Advance(LicenseClaimRules.ProvisionalLifetime + TimeSpan.FromMinutes(1));

        Assert.True(await patent.ConfirmLicenseClaim(claim, inEffect: true));
        Assert.Equal(ClaimStage.InEffect, Assert.Single((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses).Stage);

        // Another lapsed claim whose scope was taken meanwhile is not made again.
        var late = new LicenseClaim(Guid.NewGuid(), LicenseType.Exclusive, claim.Scope);
        Assert.False(await patent.ConfirmLicenseClaim(late, inEffect: true));
    }

    [Fact]
    public async Task ClosedOffersBeyondTheMostRecent_AreArchivedOutOfTheListing_AndStayReadable()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var agency = await fixture.NewParticipantAsync(roles: Grains.Participants.ParticipantRoles.Agency);
        await fixture.Grains.GetGrain<IPatentGrain>(number).GrantMandate(owners[0], agency, fixture.Today.AddYears(1), new Actor(owners[0], "Owner"));
        var listing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await listing.Create(new CreateListing([number], Money.FromYuan(90_000), null, fixture.Today.AddMonths(3)), new Actor(agency, "Agency"));
        var bidder = await fixture.NewParticipantAsync();
        var offers = new List<Guid>();
        for (var i = 0; i < ListingRules.RecentlyClosedKept + 5; i++)
        {
            var offerId = Guid.NewGuid();
            await listing.MakeOffer(offerId, new MakeOffer(OfferKind.Purchase, Money.FromYuan(1_000 + i), null, fixture.Today.AddMonths(1)), new Actor(bidder, "Investor"));
            await listing.Reject(offerId, new Actor(agency, "Agency"));
            offers.Add(offerId);
        }

        var live = (await listing.TryGet())!.Offers;
        Assert.Equal(ListingRules.RecentlyClosedKept, live.Count);
        var archived = await listing.ClosedOffers(0, 100);
        Assert.Equal(offers.Take(5), archived.Offers.Select(o => o.Offer.OfferId));
        Assert.All(archived.Offers, o => Assert.Equal(OfferStatus.Rejected, o.Offer.Status));
        var firstPage = await listing.ClosedOffers(0, 2);
        Assert.Equal(2, firstPage.Offers.Count);
        Assert.Equal(offers[2], (await listing.ClosedOffers(firstPage.NextCursor!.Value, 1)).Offers.Single().Offer.OfferId);
    }
}
