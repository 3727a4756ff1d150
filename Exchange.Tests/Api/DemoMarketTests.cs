using Exchange.Api.Demo;
using Exchange.Api.Ledger;
using Exchange.Api.Licenses;
using Exchange.Api.Lists;
using Exchange.Api.Navigation;
using Exchange.Api.Patents;
using Exchange.Grains.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>
/// `--demo` on the embedded default: a market with a participant of every role and ten months of history that search,
/// market data, statements and lists show on the first run; loaded again after a restart, it changes nothing.
/// </summary>
public sealed class DemoMarketTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "exchange-demo-" + Guid.NewGuid().ToString("N"));

    private sealed class DemoApi(string dataDirectory) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Exchange:Storage", "Sqlite");
            builder.UseSetting("Exchange:DataDirectory", dataDirectory);
            builder.UseSetting("Exchange:Demo", "true");
        }
    }

    [Fact]
    public async Task DemoMarket_HasEveryRole_AndAHistoryEverySliceShows_AndLoadsOnce()
    {
        IReadOnlyList<DemoMarket.DemoParticipant> participants;
        string firstStatement;
        await using (var api = new DemoApi(_dataDirectory))
        {
            await api.InitializeAsync();
            participants = await api.Services.GetRequiredService<DemoMarket>().LoadAsync();
            foreach (var role in Enum.GetValues<ParticipantRoles>().Where(r => r is not ParticipantRoles.None and not ParticipantRoles.Operator))
            {
                Assert.Contains(participants, p => p.Roles.HasFlag(role));
            }
            var licensee = participants.Single(p => p.Name.StartsWith("Shenzhen", StringComparison.Ordinal)).Id;
            var institute = participants.Single(p => p.Name.StartsWith("Beijing Institute", StringComparison.Ordinal)).Id;
            using var client = await api.ClientForAsync(licensee);

            var licences = (await (await client.GetAsync("/api/licenses?as=licensee")).ReadAsync<ListPageResponse>()).Items;
            Assert.Equal(2, licences.Count); // the electrolyte's, and the open licence whose royalties are pooled
            var held = new List<LicenseResponse>();
            foreach (var item in licences)
            {
                held.Add(await (await client.GetAsync(item.Href)).ReadAsync<LicenseResponse>());
            }
            var licence = held.MinBy(l => l.Start)!;
            Assert.True(licence.Start < DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-9), $"started {licence.Start}");
            Assert.Equal(3, licence.Invoices.Count(i => i.PaidOn is not null));

            using var instituteClient = await api.ClientForAsync(institute);
            var patents = (await (await instituteClient.GetAsync("/api/patents?as=owner")).ReadAsync<ListPageResponse>()).Items;
            Assert.Equal(3, patents.Count);
            foreach (var listed in patents)
            {
                var patent = await (await instituteClient.GetAsync(listed.Href)).ReadAsync<PatentResponse>();
                Assert.True(patent.NextFee!.DueDate <= DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), $"{patent.ApplicationNumber} next fee {patent.NextFee.DueDate}");
            }
            firstStatement = await (await instituteClient.GetAsync($"/api/accounts/{institute}/statement")).Content.ReadAsStringAsync();
            Assert.Contains("royalty", firstStatement, StringComparison.OrdinalIgnoreCase);

            var search = await (await client.GetAsync("/api/listings?status=open")).ReadAsync<ListingSearchResponse>();
            Assert.True(search.Listings.Count >= 2, $"{search.Listings.Count} open listings");
            var deals = await (await client.GetAsync("/api/market/deals")).ReadAsync<IReadOnlyList<DealStatisticResponse>>();
            Assert.Equal(4, deals.Sum(d => d.Count)); // the licence, the sale and the two pooled open licences

            // The pool of the agency's licence royalties: issued, oversubscribed and allotted, two quarters distributed.
            var pool = await (await client.GetAsync($"/api/pools/{DemoMarket.DemoPoolId}")).ReadAsync<Exchange.Api.Pools.PoolResponse>();
            Assert.Equal((Exchange.Grains.Pools.PoolStatus.Active, 2, 3), (pool.Status, pool.DistributionsMade, pool.Holders));
            Assert.Equal(28_000, pool.Tranches.Single(t => t.Definition.Id == "A").UnitsIssued);
            var statement = await (await client.GetAsync($"/api/pools/{DemoMarket.DemoPoolId}/statement")).ReadAsync<Exchange.Api.Pools.PoolStatementResponse>();
            Assert.Equal(3, statement.Flows.Count);
            Assert.Equal(Exchange.Grains.Pools.XirrOutcome.Rate, statement.Return.Outcome);

            // The bank holds a pledge in default whose collateral it offers on the market, a bid on it open.
            var bank = participants.Single(p => p.Name.StartsWith("Bank of Innovation", StringComparison.Ordinal)).Id;
            using var bankClient = await api.ClientForAsync(bank);
            var defaulted = (await (await bankClient.GetAsync("/api/pledges/portfolio")).ReadAsync<Exchange.Api.Pledges.PortfolioPageResponse>()).Items
                .Single(i => i.Status == Exchange.Grains.Pledges.PledgeStatus.Defaulted);
            var enforcement = search.Listings.Single(l => l.AgencyId == bank);
            var listing = await (await bankClient.GetAsync($"/api/listings/{enforcement.ListingId}")).ReadAsync<Exchange.Api.Listings.ListingResponse>();
            Assert.Equal((defaulted.PledgeId, bank), (listing.EnforcesPledge!.Value, listing.AgencyId));
            Assert.Single(listing.Offers);

            using var op = await api.OperatorAsync();
            Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
        }

        await using (var again = new DemoApi(_dataDirectory))
        {
            await again.InitializeAsync();
            Assert.Equal(participants, await again.Services.GetRequiredService<DemoMarket>().LoadAsync());
            var institute = participants.Single(p => p.Name.StartsWith("Beijing Institute", StringComparison.Ordinal)).Id;
            using var instituteClient = await again.ClientForAsync(institute);
            Assert.Equal(firstStatement, await (await instituteClient.GetAsync($"/api/accounts/{institute}/statement")).Content.ReadAsStringAsync());
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
