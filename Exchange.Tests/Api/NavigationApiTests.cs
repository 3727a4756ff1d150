using System.Net;
using Exchange.Api.Navigation;
using Exchange.Api.PatentTransfers;
using Exchange.Grains.Navigation;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class NavigationApiTests(ApiFactory api)
{
    private static string UniqueSubclass() => $"{(char)('A' + Random.Shared.Next(8))}{Random.Shared.Next(10, 99)}{(char)('B' + Random.Shared.Next(20))}";

    [Fact]
    public async Task ListedPatent_IsFoundByIpcPrefixAndKeyword_AndPagesByCursor()
    {
        var subclass = UniqueSubclass();
        var (_, _, number, first) = await ListingsApiTests.ListedPatentAsync(api, subclass + " 1/00");
        var (_, _, _, second) = await ListingsApiTests.ListedPatentAsync(api, subclass + " 2/00");
        using var client = await api.ClientForAsync(await api.RegisterAsync("Licensee"));

        var page1 = await (await client.GetAsync($"/api/listings?ipc={subclass}&keyword=PEROVSKITE&limit=1")).ReadAsync<ListingSearchResponse>();
        var page2 = await (await client.GetAsync($"/api/listings?ipc={subclass}&keyword=perovskite&limit=1&after={page1.Next}")).ReadAsync<ListingSearchResponse>();
        Assert.Equal([second, first], page1.Listings.Concat(page2.Listings).Select(l => l.ListingId));
        Assert.Null(page2.Next);
        Assert.Equal(1_200_000m, page1.Listings[0].AskingPrice);
        Assert.Equal([first], (await (await client.GetAsync($"/api/listings?ipc={subclass}1")).ReadAsync<ListingSearchResponse>()).Listings.Select(l => l.ListingId));
        Assert.Empty((await (await client.GetAsync($"/api/listings?ipc={subclass}&minPrice=2000000")).ReadAsync<ListingSearchResponse>()).Listings);
        Assert.Equal(2, (await (await client.GetAsync($"/api/listings?ipc={subclass}&licenseType=ordinary")).ReadAsync<ListingSearchResponse>()).Listings.Count);

        await (await client.GetAsync("/api/listings?after=garbage")).AssertProblemAsync(400, "invalid-input");
        await (await client.GetAsync("/api/listings?limit=100000")).AssertProblemAsync(400, "invalid-input");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/listings?licenseType=teleport")).StatusCode);
    }

    [Fact]
    public async Task SettledSales_ShowInMarketDataWithTheirMedianPrice()
    {
        var subclass = UniqueSubclass();
        foreach (var price in new[] { 100_000m, 300_000m, 250_000m })
        {
            var (owner, buyer, _, transferId) = await PatentTransfersApiTests.SoldPatentAsync(api, price, subclass + " 5/00");
            using var ownerClient = await api.ClientForAsync(owner);
            using var buyerClient = await api.ClientForAsync(buyer);
            using var op = await api.OperatorAsync();
            (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).EnsureSuccessStatusCode();
            (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, api.NewKey())).EnsureSuccessStatusCode();
            (await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "R" }, api.NewKey())).EnsureSuccessStatusCode();
        }
        using var anyone = await api.ClientForAsync(await api.RegisterAsync("Investor"));
        var statistics = await (await anyone.GetAsync($"/api/market/deals?ipc={subclass}")).ReadAsync<IReadOnlyList<DealStatisticResponse>>();
        Assert.Equal([new DealStatisticResponse(subclass, DealKind.Sale, 3, 250_000m)], statistics);
        await (await anyone.GetAsync("/api/market/deals?from=2026-02-01&to=2026-01-01")).AssertProblemAsync(400, "invalid-input");
        await (await anyone.GetAsync("/api/market/deals?to=0001-01-01")).AssertProblemAsync(400, "invalid-input");
    }
}
