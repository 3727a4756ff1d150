using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Licenses;

[Collection(ClusterCollection.Name)]
public sealed class LicenseGrainTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private static LicenseTerms Terms(LicenseType type, int months = 24, string territory = "CN", string field = "H01M") =>
        new(type, [territory], [field], months, Money.FromYuan(10_000), 300, Money.FromYuan(5_000));

    private async Task<(string Number, Guid[] Owners)> PatentAsync(int owners = 1, PatentKind kind = PatentKind.Invention, int yearsAgo = 2)
    {
        var ids = new Guid[owners];
        for (var i = 0; i < owners; i++)
        {
            ids[i] = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        }
        var filed = Today.AddYears(-yearsAgo).AddDays(-5); // the grant-year fee is the current year's; the next falls due a year on
        var digits = $"{filed.Year}{(int)kind}{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var shares = Enumerable.Repeat(10_000 / owners, owners).ToArray();
        shares[0] += 10_000 - shares.Sum();
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Licensed battery", "", ["H01M 10/0562"], filed, ids.Select((o, i) => new PatentOwner(o, shares[i])).ToArray(),
            [new Inventor("Liu Yang", false, null)]), Actor.System);
        await fixture.GrantPaidAsync(patent, ids[0]);
        return (number, ids);
    }

    private async Task<ILicenseGrain> DraftAsync(string number, LicenseTerms terms, Guid? licensee = null, DateOnly? start = null)
    {
        var grain = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        // Funded: the licence takes effect against its upfront fee.
        await grain.Draft(new DraftLicense([number], licensee ?? await fixture.FundedParticipantAsync(100_000_000), terms, start ?? Today), Actor.System);
        return grain;
    }

    [Fact]
    public async Task OrdinaryLicence_TakesEffectOnSubmission_WithoutCoOwnersConsent()
    {
        var (number, _) = await PatentAsync(owners: 2);
        var licence = await DraftAsync(number, Terms(LicenseType.Ordinary));
        Assert.Equal(LicenseStatus.Active, (await licence.Submit(Actor.System)).Status);
    }

    [Fact]
    public async Task ExclusiveLicence_NeedsEveryCoOwner_AndShowsOnThePatent()
    {
        var (number, owners) = await PatentAsync(owners: 2);
        var licence = await DraftAsync(number, Terms(LicenseType.Exclusive));
        Assert.Equal(LicenseStatus.ConsentsPending, (await licence.Submit(Actor.System)).Status);
        Assert.Equal(LicenseStatus.ConsentsPending, (await licence.Consent(new Actor(owners[0], "Owner"))).Status);
        var active = await licence.Consent(new Actor(owners[1], "Owner"));
        Assert.Equal(LicenseStatus.Active, active.Status);
        Assert.Contains(new Encumbrance(EncumbranceKind.ExclusiveLicense, $"license:{active.LicenseId:N}"), (await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Encumbrances);
    }

    [Fact]
    public async Task OverlappingSoleLicence_IsRefused_NamingTheLicenceItConflictsWith()
    {
        var (number, _) = await PatentAsync();
        var first = await DraftAsync(number, Terms(LicenseType.Ordinary));
        var firstId = (await first.Submit(Actor.System)).LicenseId;
        var sole = await DraftAsync(number, Terms(LicenseType.Sole));
        var error = await Assert.ThrowsAsync<DomainException>(() => sole.Submit(Actor.System));
        Assert.Equal(DomainErrors.LicenseConflict, error.Error);
        Assert.Contains(firstId.ToString(), error.Message);
        Assert.Equal(LicenseStatus.Draft, (await sole.TryGet())!.Status);
    }

    [Fact]
    public async Task ExclusiveLicencesInOtherTerritoriesOrLaterTerms_DoNotConflict()
    {
        var (number, owners) = await PatentAsync();
        Assert.Equal(LicenseStatus.ConsentsPending, (await (await DraftAsync(number, Terms(LicenseType.Exclusive, territory: "CN-44"))).Submit(Actor.System)).Status);
        Assert.Equal(LicenseStatus.ConsentsPending, (await (await DraftAsync(number, Terms(LicenseType.Exclusive, territory: "CN-11"))).Submit(Actor.System)).Status);
        Assert.Equal(LicenseStatus.ConsentsPending, (await (await DraftAsync(number, Terms(LicenseType.Exclusive, months: 12, territory: "CN-44"), start: Today.AddYears(2))).Submit(Actor.System)).Status);
    }

    [Fact]
    public async Task ManyOverlappingExclusiveLicencesAtOnce_ExactlyOneWins()
    {
        var (number, _) = await PatentAsync();
        var drafts = new List<ILicenseGrain>();
        for (var i = 0; i < 24; i++)
        {
            drafts.Add(await DraftAsync(number, Terms(LicenseType.Exclusive)));
        }
        var outcomes = await Task.WhenAll(drafts.Select(async d =>
        {
            try
            {
                await d.Submit(Actor.System);
                return true;
            }
            catch (DomainException e) when (e.Error == DomainErrors.LicenseConflict)
            {
                return false;
            }
        }));
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Single((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses);
    }

    [Fact]
    public async Task TerminatedLicence_FreesItsScopeForTheNextExclusiveLicence()
    {
        var (number, owners) = await PatentAsync();
        var first = await DraftAsync(number, Terms(LicenseType.Exclusive));
        await first.Submit(Actor.System);
        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => first.Terminate(new Actor(Guid.NewGuid(), "Investor")))).Error);
        Assert.Equal(LicenseStatus.Terminated, (await first.Terminate(new Actor(owners[0], "Owner"))).Status);
        Assert.Equal(LicenseStatus.ConsentsPending, (await (await DraftAsync(number, Terms(LicenseType.Exclusive))).Submit(Actor.System)).Status);
    }

    [Fact]
    public async Task LicenceRunningPastThePatentsExpiry_IsRefused()
    {
        var (number, _) = await PatentAsync(kind: PatentKind.UtilityModel, yearsAgo: 9); // in force about one more year
        var grain = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await grain.Draft(new DraftLicense([number], await fixture.NewParticipantAsync(), Terms(LicenseType.Ordinary, months: 24), Today), Actor.System));
        Assert.Equal(DomainErrors.LicenseBeyondPatentTerm, error.Error);
    }

    [Fact]
    public async Task NoLicenceStartsOnALapsedPatent()
    {
        var (number, _) = await PatentAsync();
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        var next = (await patent.TryGet())!.NextFee!;
        fixture.Clock.Advance(TimeSpan.FromDays(next.GraceEnds.DayNumber - Today.DayNumber + 1)); // the next fee never paid
        Assert.Equal(LegalStatus.Lapsed, (await patent.CheckDeadlines()).LegalStatus);
        var grain = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await grain.Draft(new DraftLicense([number], await fixture.NewParticipantAsync(), Terms(LicenseType.Ordinary, months: 6), Today), Actor.System));
        Assert.Equal(DomainErrors.PatentNotInForce, error.Error);
    }

    [Fact]
    public async Task ActiveLicence_ExpiresWhenItsTermHasRun_AndFreesItsScope()
    {
        var (number, _) = await PatentAsync();
        var licence = await DraftAsync(number, Terms(LicenseType.Ordinary, months: 1));
        await licence.Submit(Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(LicenseStatus.Active, (await licence.CheckExpiry()).Status);
        fixture.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(LicenseStatus.Expired, (await licence.CheckExpiry()).Status);
        Assert.Empty((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses);
    }
}
