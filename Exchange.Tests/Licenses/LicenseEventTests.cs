using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.Licenses;
using Exchange.Grains.Navigation;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Licenses;

[Collection(ClusterCollection.Name)]
public sealed class LicenseEventTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private async Task<IReadOnlyList<DealRecord>> DealsOfAsync(Guid licenseId) =>
        (await fixture.Store.ReadDealsAsync(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Where(d => d.DealId == licenseId).ToArray();

    [Fact]
    public async Task ExecutedLicence_ReachesMarketDataFromItsOutbox_OnceEvenIfTheEventIsDeliveredAgain()
    {
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        var filed = Today.AddYears(-2).AddDays(-5); // the grant-year fee is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Evented", "", ["G06N 3/08"], filed, [new PatentOwner(owner, 10_000)], [new Inventor("Ma Jun", false, null)]), Actor.System);
        await fixture.GrantPaidAsync(patent, owner);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(10_000_000),
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["G06N"], 12, Money.FromYuan(30_000), 250, Money.Zero), Today), Actor.System);
        var active = await licence.Submit(Actor.System);

        // The event left with the activation's write and was delivered before the command answered.
        var deal = Assert.Single(await DealsOfAsync(active.LicenseId));
        Assert.Equal((DealKind.License, "G06N", Money.FromYuan(30_000).Fen), (deal.Kind, deal.IpcSubclass, deal.PriceFen));

        // At-least-once delivery: the same event again (here with a wrong amount, to see it is ignored).
        var publisher = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(new LicenseEvent($"license:{active.LicenseId:N}:executed", active.LicenseId, LicenseEventKind.Executed, fixture.Clock.GetUtcNow(), Money.FromYuan(1), number, "G06N"));
        Assert.Equal(Money.FromYuan(30_000).Fen, Assert.Single(await DealsOfAsync(active.LicenseId)).PriceFen);
    }
}
