using Exchange.Api.Demo;
using Exchange.Api.Licenses;
using Exchange.Api.Pools;
using Exchange.Grains.Pools;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// Securitization pools in the web console (issue 12), in headless Chromium against the demo market: the originator
/// structures a pool, sees a receivable refused beside its field and opens the pool, and an investor finds it among
/// the pools offered, runs a scenario and subscribes (in Chinese); an investor reads the demo pool's distributions as a
/// chart and its statement with XIRR, and sells units to another investor, who buys them delivery versus payment, and
/// the operator sees every pool's state and triggers (in English). Every page is checked with axe-core.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PoolConsoleJourneyTests(BrowserFixture browser, DemoExchange exchanges)
{
    static PoolConsoleJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    private Guid Agency => exchanges.DemoParticipant("Zhongguancun");

    private Guid Ventures => exchanges.DemoParticipant("Haidian Science Ventures");

    private Guid BatteryMaker => exchanges.DemoParticipant("Shenzhen");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A licence of the agency's own, taken by the sensor start-up: a receivable no pool holds yet.</summary>
    private async Task<Guid> FreshLicenceAsync()
    {
        var server = exchanges.Demo;
        var filed = Today.AddYears(-2);
        var number = Api.PatentsApiTests.NewNumber(filed.Year);
        using var agency = await server.ClientForAsync(Agency);
        (await agency.PostCommandAsync("/api/patents", Api.PatentsApiTests.Registration(number, filed, "H01M 4/36", (Agency, 100m)), server.NewKey())).EnsureSuccessStatusCode();
        using var op = await server.OperatorAsync();
        (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, server.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, server.NewKey())).EnsureSuccessStatusCode();
        (await agency.PostCommandAsync($"/api/patents/{number}/open-license", new { terms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H01M" }, termMonths = 60, upfrontFee = 0m, royaltyRatePercent = 4m, minimumAnnualRoyalty = 0m } }, server.NewKey())).EnsureSuccessStatusCode();
        using var sensors = await server.ClientForAsync(exchanges.DemoParticipant("Hangzhou Smart Sensor"));
        var taken = await sensors.PostCommandAsync("/api/licenses/open", new { applicationNumber = number, start = Today }, server.NewKey());
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        return (await taken.ReadAsync<LicenseResponse>()).LicenseId;
    }

    [Fact]
    public async Task TheOriginator_InChinese_StructuresAPool_SeesAReceivableRefused_AndOpensIt_AndAnInvestorRunsAScenarioAndSubscribes()
    {
        var server = exchanges.Demo;
        var licence = await FreshLicenceAsync();
        var page = await browser.NewPageAsync(server.BaseUrl);
        await PledgeConsoleJourneyTests.SignInAsync(page, server.BaseUrl, Agency);

        await page.GetByRole(AriaRole.Link, new() { Name = "资产证券化" }).ClickAsync();
        await page.GetByTestId("new-pool-link").ClickAsync();
        await Expect(page.GetByTestId("pool-form")).ToBeVisibleAsync();
        await page.GetByTestId("pool-name").Locator("input").FillAsync("控制台测试资产池");
        await page.GetByTestId("pool-quarters").Locator("input").FillAsync("41");
        await page.GetByTestId("pool-submit").ClickAsync();
        await Expect(page.GetByTestId("pool-form")).ToContainTextAsync("1 至 40"); // refused in the console before it is sent
        await page.GetByTestId("pool-quarters").Locator("input").FillAsync("4");
        await page.GetByTestId("pool-coupon").Locator("input").FillAsync("40");
        await page.GetByTestId("pool-submit").ClickAsync();
        await Expect(page.GetByTestId("pool-problem")).ToBeVisibleAsync(); // the API's refusal, beside the coupon
        await Expect(page.GetByTestId("pool-form")).ToContainTextAsync("0 to 30");
        await BrowserFixture.AssertAccessibleAsync(page, "a pool's structure refused");
        await page.GetByTestId("pool-coupon").Locator("input").FillAsync("4");
        await page.GetByTestId("pool-submit").ClickAsync();
        await Expect(page.GetByTestId("pool-status")).ToHaveTextAsync("构建中");

        // The demo pool holds the agency's earlier licences: one of them is refused with its own reason.
        using var agencyClient = await server.ClientForAsync(Agency);
        var demoPool = await (await agencyClient.GetAsync($"/api/pools/{DemoMarket.DemoPoolId}")).ReadAsync<PoolResponse>();
        await page.GetByTestId("receivable-licence").Locator("input").FillAsync(demoPool.Receivables[0].ToString());
        await page.GetByTestId("receivable-submit").ClickAsync();
        await Expect(page.GetByTestId("receivable-problem")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("receivable-form")).ToContainTextAsync(DemoMarket.DemoPoolId.ToString());
        await BrowserFixture.AssertAccessibleAsync(page, "a pool being structured, a receivable refused");
        await page.GetByTestId("receivable-licence").Locator("input").FillAsync(licence.ToString());
        await page.GetByTestId("receivable-submit").ClickAsync();
        await Expect(page.GetByTestId("pool-receivables")).ToContainTextAsync(licence.ToString());
        await page.GetByTestId("open-subscription").ClickAsync();
        await Expect(page.GetByTestId("pool-status")).ToHaveTextAsync("认购中");
        var poolUrl = page.Url;
        await BrowserFixture.ScreenshotAsync(page, "originator-pool-open");

        // The venture fund finds it among the pools offered, runs the pool at 70% of its royalties, and subscribes.
        var investor = await browser.NewPageAsync(server.BaseUrl);
        await PledgeConsoleJourneyTests.SignInAsync(investor, server.BaseUrl, Ventures);
        await investor.GetByRole(AriaRole.Link, new() { Name = "资产证券化" }).ClickAsync();
        await Expect(investor.GetByTestId("pools-offered")).ToContainTextAsync("控制台测试资产池");
        await BrowserFixture.AssertAccessibleAsync(investor, "the pools offered and one's own");
        await investor.GotoAsync(poolUrl);
        await investor.GetByTestId("scenario-submit").ClickAsync();
        await Expect(investor.GetByTestId("scenario-periods").Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(investor.GetByTestId("pool-scenario")).ToContainTextAsync("70%");
        await investor.GetByTestId("subscribe-units").Locator("input").FillAsync("150");
        await investor.GetByTestId("subscribe-submit").ClickAsync();
        await Expect(investor.GetByTestId("subscribe-problem")).ToBeVisibleAsync(); // not whole lots of 100
        await investor.GetByTestId("subscribe-units").Locator("input").FillAsync("200");
        await investor.GetByTestId("subscribe-submit").ClickAsync();
        await Expect(investor.GetByTestId("pool-tranches")).ToContainTextAsync("200");
        await BrowserFixture.AssertAccessibleAsync(investor, "a pool open for subscription, with a scenario run");

        using var client = await server.ClientForAsync(Ventures);
        var poolId = Guid.Parse(poolUrl[(poolUrl.LastIndexOf('/') + 1)..]);
        var position = await (await client.GetAsync($"/api/pools/{poolId}/position")).ReadAsync<PoolPositionResponse>();
        Assert.Equal((200L, true), (position.Subscriptions.Single().Units, position.Subscriptions.Single().Held));
    }

    [Fact]
    public async Task AnInvestor_InEnglish_ReadsTheDistributionsAndItsStatement_AndSellsUnits_WhichAnotherBuysDeliveryVersusPayment()
    {
        var server = exchanges.Demo;
        var page = await browser.NewPageAsync(server.BaseUrl);
        await PledgeConsoleJourneyTests.SignInAsync(page, server.BaseUrl, Ventures);
        await page.GetByTestId("language-switch").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Pools", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("pools")).ToContainTextAsync("Zhongguancun SME patent licence royalties");
        await page.GetByTestId("pools").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Zhongguancun SME") }).ClickAsync();
        await Expect(page.GetByTestId("pool-status")).ToHaveTextAsync("issued and paying");
        await Expect(page.GetByTestId("waterfall-svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pool-periods").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("statement-xirr")).ToContainTextAsync("%");
        await Expect(page.GetByTestId("statement-flows").Locator("tbody tr")).ToHaveCountAsync(3);
        await BrowserFixture.AssertAccessibleAsync(page, "an issued pool with its distributions and the investor's statement");
        await BrowserFixture.ScreenshotAsync(page, "investor-pool-statement");

        await page.GetByTestId("offer-units").Locator("input").FillAsync("100");
        await page.GetByTestId("offer-price").Locator("input").FillAsync("9,950");
        await page.GetByTestId("offer-buyer").Locator("input").FillAsync(BatteryMaker.ToString());
        await page.GetByTestId("offer-submit").ClickAsync();
        await Expect(page.GetByTestId("trades-table")).ToContainTextAsync("offered");

        var buyer = await browser.NewPageAsync(server.BaseUrl);
        await PledgeConsoleJourneyTests.SignInAsync(buyer, server.BaseUrl, BatteryMaker);
        await buyer.GetByTestId("language-switch").ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = "Pools", Exact = true })).ToBeVisibleAsync(); // the switch's own navigation is over
        await buyer.GotoAsync(page.Url);
        var accept = buyer.Locator("[data-testid^='accept-trade-']");
        await Expect(accept).ToHaveCountAsync(1);
        await accept.ClickAsync();
        await Expect(buyer.Locator("[data-testid^='trade-status-']").First).ToHaveTextAsync("settled");
        await BrowserFixture.AssertAccessibleAsync(buyer, "a unit trade settled");

        using var client = await server.ClientForAsync(BatteryMaker);
        var statement = await (await client.GetAsync($"/api/pools/{DemoMarket.DemoPoolId}/statement")).ReadAsync<PoolStatementResponse>();
        Assert.Contains(statement.Flows, f => f.Kind == PoolCashFlowKind.Purchase && f.Amount == -9_950m);

        // The operator sees every pool, its state and its triggers.
        var op = await browser.NewPageAsync(server.BaseUrl);
        await PledgeConsoleJourneyTests.SignInAsync(op, server.BaseUrl, Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId);
        await op.GetByTestId("language-switch").ClickAsync();
        await Expect(op.GetByRole(AriaRole.Link, new() { Name = "Pools", Exact = true })).ToBeVisibleAsync();
        await op.GotoAsync($"{server.BaseUrl}/console/pools/{DemoMarket.DemoPoolId}");
        await Expect(op.GetByTestId("pool-waterfall")).ToHaveTextAsync("normal");
        await Expect(op.GetByTestId("pool")).ToContainTextAsync("collections below 1.2 × senior interest");
        await BrowserFixture.AssertAccessibleAsync(op, "the operator's view of a pool");
    }
}
