using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Patents;

/// <summary>
/// A patent declared invalid is deemed never to have existed (Patent Law 2020 Art. 47): the rights on it end, and
/// no royalty is due for time after the decision; royalties already paid stay paid.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InvalidationTests(ClusterFixture fixture)
{
    private static LicenseTerms Terms(LicenseType type) => new(type, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.FromYuan(40_000));

    private async Task<(ILicenseGrain Licence, Guid Licensee)> LicenceAsync(IReadOnlyList<string> numbers, LicenseType type = LicenseType.Sole)
    {
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense(numbers, licensee, Terms(type), fixture.Today), Actor.System);
        var submitted = await licence.Submit(Actor.System);
        foreach (var owner in submitted.RequiredConsents)
        {
            await licence.Consent(new Actor(owner, "Owner"));
        }
        return (licence, licensee);
    }

    [Fact]
    public async Task InvalidatedPatent_FreesItsClaims_AndTheLicenceWithNoPatentLeftTerminates_SayingWhy()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var (licence, _) = await LicenceAsync([number]);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);

        await patent.Invalidate("CNIPA-INV-2026-1", Actor.System);

        Assert.Empty((await patent.TryGet())!.Licenses);
        var ended = (await licence.TryGet())!;
        Assert.Equal(LicenseStatus.Terminated, ended.Status);
        Assert.Contains("declared invalid", ended.EndReason);
        Assert.Equal(fixture.Today, ended.RightsEndedOn);
        Assert.Single(await fixture.AuditOfAsync($"license:{ended.LicenseId:N}", "terminate"));
    }

    [Fact]
    public async Task InvalidatedPatent_ClosesItsListings()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.GrantMandate(owners[0], agency, fixture.Today.AddYears(1), new Actor(owners[0], "Owner"));
        var listing = fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await listing.Create(new CreateListing([number], Money.FromYuan(90_000), null, fixture.Today.AddMonths(3)), new Actor(agency, "Agency"));

        await patent.Invalidate("CNIPA-INV-2026-2", Actor.System);

        Assert.Equal(ListingStatus.Withdrawn, (await listing.TryGet())!.Status);
        Assert.Empty((await patent.TryGet())!.OpenListings);
    }

    [Fact]
    public async Task LicenceOfTwoPatents_RunsOnWhenOneIsInvalidated_ButThatOneEarnsNothingAfterwards()
    {
        var (first, firstOwners) = await fixture.PatentInForceAsync();
        var (second, secondOwners) = await fixture.PatentInForceAsync();
        var (licence, licensee) = await LicenceAsync([first, second], LicenseType.Ordinary);
        await fixture.Grains.GetGrain<IPatentGrain>(first).Invalidate("CNIPA-INV-2026-3", Actor.System);
        Assert.Equal(LicenseStatus.Active, (await licence.TryGet())!.Status);

        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(100_000_000), new Actor(licensee, "Licensee"));
        var paid = await licence.PayRoyalty(0, new Actor(licensee, "Licensee"));

        Assert.Equal(Money.Zero, (await fixture.Account(firstOwners[0]).GetBalances()).Available);
        Assert.Equal(paid.Royalty, (await fixture.Account(secondOwners[0]).GetBalances()).Available);
    }

    [Fact]
    public async Task NoRoyaltyIsDue_ForPeriodsAfterTheInvalidation_AndTheMinimumIsProRatedForThePeriodItFellIn()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var (licence, licensee) = await LicenceAsync([number]);
        var asLicensee = new Actor(licensee, "Licensee");
        var start = (await licence.TryGet())!.Scope.Start;

        fixture.Clock.Advance(TimeSpan.FromDays(45)); // half way into the first quarter
        await fixture.Grains.GetGrain<IPatentGrain>(number).Invalidate("CNIPA-INV-2026-4", Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(200));

        var first = await licence.ReportNetSales(0, Money.Zero, asLicensee);
        var quarter = start.AddMonths(3).DayNumber - start.DayNumber;
        var expected = (long)Math.Round(1_000_000m * 45 / quarter, MidpointRounding.AwayFromZero); // CNY 10,000 quarterly minimum, pro rata
        Assert.Equal(new Money(expected), first.Royalty);
        var refused = await Assert.ThrowsAsync<DomainException>(() => licence.ReportNetSales(1, Money.Zero, asLicensee));
        Assert.Equal(DomainErrors.RoyaltyNotDue, refused.Error);
    }
}
