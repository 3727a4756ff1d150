using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Navigation;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Licenses;

[Collection(ClusterCollection.Name)]
public sealed class OpenLicenseAndFilingTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private static LicenseTerms Published(LicenseType type = LicenseType.Ordinary) =>
        new(type, ["CN"], ["H01M"], 12, Money.FromYuan(2_000), 200, Money.Zero);

    private async Task<(string Number, Guid Owner)> PatentAsync()
    {
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        var filed = Today.AddYears(-2).AddDays(-5); // the grant-year fee is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Open battery", "", ["H01M 10/0562"], filed, [new PatentOwner(owner, 10_000)], [new Inventor("He Ping", false, null)]), Actor.System);
        await fixture.GrantPaidAsync(patent, owner);
        await fixture.Account(owner).Deposit("deposit:" + Guid.NewGuid(), Money.FromYuan(900), "annual fee", Actor.System);
        await patent.PayAnnualFee(PatentTerm.PatentYear(filed, Today), owner, new Actor(owner, "Owner"));
        return (number, owner);
    }

    [Fact]
    public async Task AnyoneObtainsAnOpenLicence_ByNoticeAndPayment_AndTheOwnerIsPaid()
    {
        var (number, owner) = await PatentAsync();
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await fixture.Account(owner).Deposit("deposit:" + Guid.NewGuid(), new Money(1), "marker", Actor.System);
        var before = (await fixture.Account(owner).GetBalances()).Available;
        var declared = await patent.DeclareOpenLicense(Published(), new Actor(owner, "Owner"));
        Assert.Contains(new Encumbrance(EncumbranceKind.OpenLicense, "open-license"), declared.Encumbrances);

        var licensee = await fixture.FundedParticipantAsync(1_000_000);
        var licence = await fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid()).ObtainOpenLicense(number, Today, new Actor(licensee, "Licensee"));
        Assert.Equal((LicenseStatus.Active, LicenseType.Ordinary), (licence.Status, licence.Terms.Type));
        Assert.Equal(before + Money.FromYuan(2_000), (await fixture.Account(owner).GetBalances()).Available);

        // An exclusive licence would take what the open licence promises everyone.
        var exclusive = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await exclusive.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000_000), Published(LicenseType.Exclusive), Today), Actor.System);
        Assert.Equal(DomainErrors.LicenseConflict, (await Assert.ThrowsAsync<DomainException>(() => exclusive.Submit(Actor.System))).Error);

        await patent.WithdrawOpenLicense(new Actor(owner, "Owner"));
        Assert.Equal(LicenseStatus.Active, (await fixture.Grains.GetGrain<ILicenseGrain>(licence.LicenseId).TryGet())!.Status);
        Assert.Equal(DomainErrors.NoOpenLicense, (await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid()).ObtainOpenLicense(number, Today, new Actor(licensee, "Licensee")))).Error);
    }

    [Fact]
    public async Task OpenLicence_IsRefusedWhileAnExclusiveLicenceIsInForce()
    {
        var (number, owner) = await PatentAsync();
        var exclusive = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await exclusive.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000_000), Published(LicenseType.Exclusive), Today), Actor.System);
        await exclusive.Submit(Actor.System);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPatentGrain>(number).DeclareOpenLicense(Published(), new Actor(owner, "Owner")));
        Assert.Equal(DomainErrors.OpenLicenseRefused, error.Error);
    }

    [Fact]
    public async Task UnfiledLicence_IsFlaggedAndListedAsOverdueAfterThreeMonths_UntilFiled()
    {
        var (number, _) = await PatentAsync();
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000_000), Published(), Today), Actor.System);
        var active = await licence.Submit(Actor.System);
        Assert.Equal(Today.AddMonths(3), active.FilingDeadline);
        Assert.False(active.FilingOverdue);

        fixture.Clock.Advance(TimeSpan.FromDays(95));
        Assert.True((await licence.TryGet())!.FilingOverdue);
        Assert.Contains(active.LicenseId, (await fixture.Grains.GetGrain<INavigationGrain>(0).OverdueFilings(null, 100_000)).Items.Select(f => f.LicenseId));

        var filed = await licence.FileRecord("CNIPA-LIC-2027-42", Actor.System);
        Assert.Equal((Today, false), (filed.FiledOn!.Value, filed.FilingOverdue));
        Assert.DoesNotContain(active.LicenseId, (await fixture.Grains.GetGrain<INavigationGrain>(0).OverdueFilings(null, 100_000)).Items.Select(f => f.LicenseId));
    }

    [Fact]
    public async Task FilingWhileAnAnnualFeeIsInItsGracePeriod_IsRefused()
    {
        var (number, _) = await PatentAsync();
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(1_000_000), Published(), Today), Actor.System);
        await licence.Submit(Actor.System);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        var next = (await patent.TryGet())!.NextFee!;
        fixture.Clock.Advance(TimeSpan.FromDays(next.DueDate.DayNumber - Today.DayNumber + 1)); // the next patent year's fee unpaid
        Assert.Equal(LegalStatus.GracePeriod, (await patent.CheckDeadlines()).LegalStatus);
        var error = await Assert.ThrowsAsync<DomainException>(() => licence.FileRecord("CNIPA-LIC-X", Actor.System));
        Assert.Equal(DomainErrors.FilingRefused, error.Error);
        Assert.Contains("grace period", error.Message);
    }
}
