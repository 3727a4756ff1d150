using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Exchange.Tests.Console.PledgeConsoleJourneyTests;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// Enforcement through the market (issue 11), in headless Chromium and in Chinese, on an exchange of its own whose
/// clock it moves (<see cref="EnforcementExchange"/>): the bank of a loan in default lists the collateral, accepts an
/// investor's offer on the listing, and that offer is the enforcement's proposed sale, awaiting the operator. Every page
/// is checked with axe-core.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PledgeMarketConsoleJourneyTests(BrowserFixture browser, EnforcementExchange market) : IClassFixture<EnforcementExchange>
{
    static PledgeMarketConsoleJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task Enforcement_OnTheMarket_InChinese_TheBankListsTheCollateral_AndTheOfferItAcceptsBecomesTheSaleForTheOperator()
    {
        var server = market;
        var (owner, _, number, _) = await Api.ListingsApiTests.ListedPatentAsync(server);
        var bank = await server.RegisterAsync("Pledgee");
        var buyer = await server.RegisterAsync("Investor");
        await server.DepositAsync(buyer, 600_000m);
        await server.DepositAsync(bank, 50_000m);
        const int graceDays = 30;
        var registered = await RegisteredPledgeAsync(server, bank, owner, number, principal: 300_000m, graceDays);
        var pledgeId = registered.PledgeId;
        server.Clock.Move(TimeSpan.FromDays(registered.Schedule[0].DueOn.AddDays(graceDays + 1).DayNumber - server.Today.DayNumber));
        using var bankClient = await server.ClientForAsync(bank);
        var next = await (await bankClient.GetAsync($"/api/patents/{number}/annual-fees/next")).ReadAsync<System.Text.Json.JsonElement>();
        (await bankClient.PostCommandAsync($"/api/patents/{number}/annual-fees", new { patentYear = next.GetProperty("patentYear").GetInt32() }, server.NewKey())).EnsureSuccessStatusCode();
        (await bankClient.PostCommandAsync($"/api/pledges/{pledgeId}/default", null, server.NewKey())).EnsureSuccessStatusCode();

        // In Chinese, the console's own language: the bank offers the collateral on the market; a price that is no number is refused before it is sent.
        var bankPage = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(bankPage, server.BaseUrl, bank);
        await bankPage.GotoAsync(server.BaseUrl + $"/console/pledges/{pledgeId}");
        var form = bankPage.GetByTestId("pledge-market-form");
        await Expect(form).ToBeVisibleAsync();
        await bankPage.GetByTestId("pledge-market-price").Locator("input").FillAsync("四十五万");
        await bankPage.GetByTestId("pledge-market-submit").ClickAsync();
        await Expect(bankPage.GetByTestId("error-salePrice")).ToBeVisibleAsync();
        await bankPage.GetByTestId("pledge-market-price").Locator("input").FillAsync("450000");
        await bankPage.GetByTestId("pledge-market-expires").FillAsync(server.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await bankPage.GetByTestId("pledge-market-submit").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-market-listed")).ToContainTextAsync("已挂牌");
        await BrowserFixture.AssertAccessibleAsync(bankPage, "the collateral offered on the market");
        var listingId = Guid.Parse((await bankPage.GetByTestId("pledge-market-listed").Locator("a").GetAttributeAsync("href"))!.Split('/')[^1]);

        // An investor finds the listing and offers; the listing says whose enforcement it serves.
        using var buyerClient = await server.ClientForAsync(buyer);
        var offered = await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 420_000m, expiresOn = server.Today.AddDays(7) }, server.NewKey());
        Assert.True(offered.IsSuccessStatusCode, await offered.Content.ReadAsStringAsync());
        await bankPage.GetByTestId("pledge-market-listed").Locator("a").ClickAsync();
        await Expect(bankPage.GetByTestId("listing-enforces-pledge")).ToHaveTextAsync(pledgeId.ToString());
        await BrowserFixture.AssertAccessibleAsync(bankPage, "an enforcement listing with an offer");
        await bankPage.GetByTestId("accept-offer").ClickAsync();
        await Expect(bankPage.GetByTestId("listing-status")).ToHaveTextAsync("已成交");

        // The accepted offer is the enforcement's proposed sale, awaiting the operator.
        await bankPage.GetByTestId("listing-enforces-pledge").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-sale")).ToContainTextAsync(buyer.ToString());
        await Expect(bankPage.GetByTestId("pledge-sale")).ToContainTextAsync("待运营方批准");
        await BrowserFixture.AssertAccessibleAsync(bankPage, "a sale found on the market, awaiting approval");
        var proposed = await (await bankClient.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();
        Assert.Equal((PledgeStatus.Enforcing, buyer, 420_000m), (proposed.Status, proposed.Sale!.BuyerId, proposed.Sale.Price));
    }
}
