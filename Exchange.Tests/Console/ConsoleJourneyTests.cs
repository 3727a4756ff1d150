using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Api.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// End-to-end journeys through the web console in headless Chromium, against a running exchange: every page visited
/// is checked with axe-core. The console is in Chinese unless a journey switches it to English.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ConsoleJourneyTests(BrowserFixture browser)
{
    private ConsoleServer Server => browser.Server;

    static ConsoleJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task TheOperator_SignsIn_AndApprovesAKycApplication()
    {
        var applicant = await Server.RegisterAsync("Owner", verify: false);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, PlatformBootstrap.OperatorId);
        await page.GetByRole(AriaRole.Link, new() { Name = "实名认证审核" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实名认证审核", Level = 1 })).ToBeVisibleAsync();
        var approve = page.GetByTestId($"approve-{applicant}");
        await Expect(approve).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "the KYC queue");

        await approve.ClickAsync();

        await Expect(page.GetByTestId("kyc-done")).ToContainTextAsync("已通过实名认证");
        await Expect(approve).ToHaveCountAsync(0);
        using var op = await Server.OperatorAsync();
        var participant = await (await op.GetAsync($"/api/participants/{applicant}")).ReadAsync<ParticipantResponse>();
        Assert.Equal(global::Exchange.Grains.Participants.KycStatus.Verified, participant.KycStatus);

        // A page loaded afresh keeps the sign-in (the tab's session storage).
        await page.GotoAsync($"/console/participants/{applicant}");
        await Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("已认证");
        await Expect(page.GetByTestId("deposit-form")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "a participant as the operator sees it");
    }

    [Fact]
    public async Task AParticipant_Withdraws_AndSeesItInItsStatement()
    {
        var participant = await Server.RegisterAsync("Owner");
        await Server.DepositAsync(participant, 500m);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, participant);
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("¥500.00");
        await page.GetByTestId("withdraw-amount").Locator("input").FillAsync("120.50");
        await page.GetByTestId("withdraw-memo").Locator("input").FillAsync("转至银行账户");
        await page.GetByTestId("withdraw-submit").ClickAsync();

        await Expect(page.GetByTestId("withdraw-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("¥379.50");
        var statement = page.GetByTestId("statement");
        await Expect(statement).ToContainTextAsync("出金");
        await Expect(statement).ToContainTextAsync("¥120.50");
        await Expect(statement).ToContainTextAsync("转至银行账户");
        await BrowserFixture.AssertAccessibleAsync(page, "my account after a withdrawal");
        using var client = await Server.ClientForAsync(participant);
        Assert.Equal(379.5m, (await (await client.GetAsync($"/api/accounts/{participant}")).ReadAsync<AccountResponse>()).Available);

        await page.GetByRole(AriaRole.Link, new() { Name = "专利", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("patents-empty")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "my patents, none yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "专利导航" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "专利导航", Level = 1 })).ToBeVisibleAsync();
        await page.GetByTestId("search-submit").ClickAsync();
        await Expect(page.GetByTestId("search-empty").Or(page.GetByTestId("search-results"))).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "patent navigation");
    }

    [Fact]
    public async Task ARefusedWithdrawal_ShowsTheApisProblem_NextToTheActionAndTheField()
    {
        var participant = await Server.RegisterAsync("Investor");
        await Server.DepositAsync(participant, 100m);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, participant);

        await page.GetByTestId("withdraw-amount").Locator("input").FillAsync("1000");
        await page.GetByTestId("withdraw-submit").ClickAsync();

        var problem = page.GetByTestId("withdraw-problem");
        await Expect(problem).ToContainTextAsync("可用余额不足");
        await Expect(page.GetByTestId("error-amount")).ToHaveCountAsync(0);
        await Expect(problem).ToHaveAttributeAsync("data-problem-type", "insufficient-funds");
        await Expect(problem).ToContainTextAsync("100");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused withdrawal");

        await page.GetByTestId("withdraw-amount").Locator("input").FillAsync("1.234");
        await page.GetByTestId("withdraw-submit").ClickAsync();
        await Expect(page.GetByTestId("error-amount")).ToContainTextAsync("fen");
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("¥100.00");
    }

    [Fact]
    public async Task MyAccount_ReadsInChineseByDefault_AndInEnglishAfterTheSwitch()
    {
        var participant = await Server.RegisterAsync("Licensee");
        await Server.DepositAsync(participant, 1234.5m);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, participant);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的账户", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("¥1,234.50");
        await Expect(page.GetByTestId("statement")).ToContainTextAsync("入金");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("CNY 1,234.50");
        await Expect(page.GetByTestId("statement")).ToContainTextAsync("deposit");
        await BrowserFixture.AssertAccessibleAsync(page, "my account in English");

        await page.GetByTestId("withdraw-amount").Locator("input").FillAsync("5000");
        await page.GetByTestId("withdraw-submit").ClickAsync();
        await Expect(page.GetByTestId("withdraw-problem")).ToContainTextAsync("Not enough money available.");

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的账户", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnOwner_SeesItsListedPatent_WithItsEncumbrance_AndFindsItInPatentNavigation()
    {
        var (owner, _, number, _) = await Api.ListingsApiTests.ListedPatentAsync(Server, "G06N 3/08");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "专利", Exact = true }).ClickAsync();
        var patent = page.GetByRole(AriaRole.Link, new() { Name = number });
        await Expect(patent).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "my patents");
        await patent.ClickAsync();
        await Expect(page.GetByTestId("patent")).ToContainTextAsync(number);
        await Expect(page.GetByTestId("encumbrances")).ToContainTextAsync("挂牌中");
        await Expect(page.GetByTestId("owners")).ToContainTextAsync("100.00%");
        await BrowserFixture.AssertAccessibleAsync(page, "a patent with its encumbrances");

        await page.GetByRole(AriaRole.Link, new() { Name = "专利导航" }).ClickAsync();
        await page.GetByTestId("search-ipc").Locator("input").FillAsync("G06N");
        await page.GetByTestId("search-submit").ClickAsync();
        await Expect(page.GetByTestId("search-results")).ToContainTextAsync(number);
        await BrowserFixture.AssertAccessibleAsync(page, "patent navigation with results");
    }

    [Fact]
    public async Task ALongSearch_ShowsItsProgressAndTheTimeTaken_UntilItsResultsArrive_AndMayBeAbandoned()
    {
        var (owner, _, number, _) = await Api.ListingsApiTests.ListedPatentAsync(Server, "C02F 1/44");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, owner);
        await page.GetByRole(AriaRole.Link, new() { Name = "专利导航" }).ClickAsync();
        await Expect(page.GetByTestId("search-results")).ToBeVisibleAsync();
        var progress = page.GetByTestId("search-progress");
        await Expect(progress).ToHaveCountAsync(0);

        using (var hold = Server.Hold(r => r.Path == "/api/listings" && r.Query["ipc"] == "C02F"))
        {
            await page.GetByTestId("search-ipc").Locator("input").FillAsync("C02F");
            await page.GetByTestId("search-submit").ClickAsync();

            await Expect(progress).ToBeVisibleAsync();
            // The API answers once, at the end: what moves is the time taken so far.
            await Expect(page.GetByTestId("search-elapsed")).ToContainTextAsync("已用 2 秒");
            await BrowserFixture.AssertAccessibleAsync(page, "a search in progress");
            hold.Open();

            await Expect(page.GetByTestId("search-results")).ToContainTextAsync(number);
            await Expect(progress).ToHaveCountAsync(0);
        }

        // Abandoned, the search leaves the results as they were.
        using (Server.Hold(r => r.Path == "/api/listings" && r.Query["keyword"] == "never answered"))
        {
            await page.GetByTestId("search-keyword").Locator("input").FillAsync("never answered");
            await page.GetByTestId("search-submit").ClickAsync();
            await Expect(progress).ToBeVisibleAsync();
            await page.GetByTestId("search-cancel").ClickAsync();

            await Expect(progress).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("search-results")).ToContainTextAsync(number);
        }
    }
}
