using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.Licenses;
using Exchange.Grains.Navigation;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Exchange.Tests.Licenses;

[Collection(ClusterCollection.Name)]
public sealed class LicenseEventTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private async Task<IReadOnlyList<DealRecord>> DealsOfAsync(Guid licenseId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var deals = (await fixture.Store.ReadDealsAsync(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Where(d => d.DealId == licenseId).ToArray();
            if (deals.Length > 0)
            {
                return deals;
            }
            // The stream's pulling agents run on grain timers, which follow the fake business clock: move it along.
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(100);
        }
        return [];
    }

    [Fact]
    public async Task ExecutedLicence_ReachesMarketDataThroughItsStream_OnceEvenIfTheEventIsDeliveredAgain()
    {
        var owner = await fixture.NewParticipantAsync(roles: ParticipantRoles.Owner);
        var filed = Today.AddYears(-2).AddDays(5);
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, "Streamed", "", ["G06N 3/08"], filed, [new PatentOwner(owner, 10_000)], [new Inventor("Ma Jun", false, null)]), Actor.System);
        await patent.Grant(Today, Actor.System);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(10_000_000),
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["G06N"], 12, Money.FromYuan(30_000), 250, Money.Zero), Today), Actor.System);
        var active = await licence.Submit(Actor.System);

        var deal = Assert.Single(await DealsOfAsync(active.LicenseId));
        Assert.Equal((DealKind.License, "G06N", Money.FromYuan(30_000).Fen), (deal.Kind, deal.IpcSubclass, deal.PriceFen));

        // At-least-once delivery: the same event again (here with a wrong amount, to see it is ignored).
        var stream = fixture.Cluster.Client.ServiceProvider.GetRequiredKeyedService<IStreamProvider>(ExchangeStreams.Provider)
            .GetStream<LicenseEvent>(StreamId.Create(ExchangeStreams.LicenseNamespace, active.LicenseId));
        await stream.OnNextAsync(new LicenseEvent($"license:{active.LicenseId:N}:executed", active.LicenseId, LicenseEventKind.Executed, fixture.Clock.GetUtcNow(), Money.FromYuan(1), number, "G06N"));
        for (var i = 0; i < 10; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(50);
        }
        Assert.Equal(Money.FromYuan(30_000).Fen, Assert.Single(await DealsOfAsync(active.LicenseId)).PriceFen);
    }
}
