using Exchange.Api.Infrastructure;
using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// Pledge financing in the web console (issue 11), in headless Chromium against the demo market of
/// <see cref="StaffExchanges"/>: the bank's portfolio and a pledge's schedule (in English), the operator's review queue
/// with its deadlines, and the owner's application and early repayment (in Chinese). Every page is checked with axe-core.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PledgeConsoleJourneyTests(BrowserFixture browser, StaffExchanges exchanges) : IClassFixture<StaffExchanges>
{
    static PledgeConsoleJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    private Guid Bank => exchanges.DemoParticipant("Bank of Innovation");

    private Guid Institute => exchanges.DemoParticipant("Beijing Institute");

    [Fact]
    public async Task TheBank_InEnglish_SeesItsPortfolioAndAPledgesSchedule_AndAPrematureDefaultIsRefusedBesideItsButton()
    {
        var server = exchanges.Demo;
        var page = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(page, server.BaseUrl, Bank);
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("pledges")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "the bank's pledges");
        await page.GetByTestId("portfolio-link").ClickAsync();
        var portfolio = page.GetByTestId("portfolio");
        await Expect(portfolio).ToBeVisibleAsync();
        using var client = await server.ClientForAsync(Bank);
        var registered = (await (await client.GetAsync("/api/pledges/portfolio")).ReadAsync<PortfolioPageResponse>()).Items.Single(i => i.Status == PledgeStatus.Registered);
        await Expect(portfolio).ToContainTextAsync("registered");
        await Expect(portfolio).ToContainTextAsync(registered.OutstandingPrincipal.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.AssertAccessibleAsync(page, "the bank's portfolio");
        await BrowserFixture.ScreenshotAsync(page, "bank-pledge-portfolio");

        await page.GetByTestId($"pledge-{registered.PledgeId}").ClickAsync();
        await Expect(page.GetByTestId("pledge-status")).ToHaveTextAsync("registered");
        var schedule = page.GetByTestId("pledge-schedule");
        await Expect(schedule).ToBeVisibleAsync();
        await Expect(schedule.GetByRole(AriaRole.Row)).ToHaveCountAsync(25); // a header and 24 monthly instalments
        await Expect(page.GetByTestId("pledge-loan")).ToContainTextAsync("equal principal");
        await Expect(page.GetByTestId("pledge-outstanding")).ToContainTextAsync(registered.OutstandingPrincipal.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.AssertAccessibleAsync(page, "a registered pledge");
        await BrowserFixture.ScreenshotAsync(page, "pledge-schedule");

        // The loan performs: the exchange refuses the default, and the console says why next to the button.
        await page.GetByTestId("pledge-default").ClickAsync();
        var refusal = page.GetByTestId("pledge-default-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "loan-not-in-default");
        await Expect(refusal).ToContainTextAsync("grace day");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused default");
    }

    [Fact]
    public async Task TheOperator_SeesTheReviewQueueWithItsDeadline_TakesTheApplicationUp_AndRegistersIt()
    {
        var server = exchanges.Demo;
        var page = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(page, server.BaseUrl, PlatformBootstrap.OperatorId);
        await page.GetByRole(AriaRole.Link, new() { Name = "质押融资", Exact = true }).ClickAsync();
        await page.GetByTestId("review-queue-link").ClickAsync();
        var queue = page.GetByTestId("review-queue");
        await Expect(queue).ToBeVisibleAsync();
        using var op = await server.ClientForAsync(PlatformBootstrap.OperatorId);
        // The demo's application on the compound patent (another journey may have applied meanwhile).
        var waiting = Assert.Single((await (await op.GetAsync("/api/pledges/review-queue")).ReadAsync<ReviewQueuePageResponse>()).Items, i => i.Principal == 250_000m);
        Assert.True(waiting.ReviewOverdue, "the demo's application was filed online twelve days ago");
        await Expect(page.GetByTestId($"decide-by-{waiting.PledgeId}")).ToContainTextAsync("已超期");
        await BrowserFixture.AssertAccessibleAsync(page, "the pledge review queue");
        await BrowserFixture.ScreenshotAsync(page, "pledge-review-queue");

        await page.GetByTestId($"pledge-{waiting.PledgeId}").ClickAsync();
        await Expect(page.GetByTestId("pledge-status")).ToHaveTextAsync("已申请");
        await Expect(page.GetByTestId("pledge-review-deadline")).ToContainTextAsync("已超期");
        await BrowserFixture.AssertAccessibleAsync(page, "an application awaiting review");
        await page.GetByTestId("pledge-review").ClickAsync();
        await Expect(page.GetByTestId("pledge-status")).ToHaveTextAsync("审查中");
        await page.GetByTestId("pledge-register").ClickAsync();
        await Expect(page.GetByTestId("pledge-status")).ToHaveTextAsync("已登记");
        await Expect(page.GetByTestId("pledge-schedule")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "a pledge just registered");
        var pledge = await (await op.GetAsync($"/api/pledges/{waiting.PledgeId}")).ReadAsync<PledgeResponse>();
        Assert.Equal((PledgeStatus.Registered, 12), (pledge.Status, pledge.Schedule.Count));
    }

    [Fact]
    public async Task TheOwner_InChinese_AppliesForAPledge_AndRepaysPrincipalEarly_AndAnAmountBeyondThePrincipalIsRefusedBesideTheField()
    {
        var server = exchanges.Demo;
        var page = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(page, server.BaseUrl, Institute);
        using var client = await server.ClientForAsync(Institute);
        var owned = await (await client.GetAsync("/api/patents?as=owner")).ReadAsync<Exchange.Api.Lists.ListPageResponse>();
        var accelerator = owned.Items.Single(i => i.Title.Contains("accelerator", StringComparison.OrdinalIgnoreCase)).Id;

        await page.GotoAsync(server.BaseUrl + "/console/pledges/new?patent=" + Uri.EscapeDataString(accelerator));
        await Expect(page.GetByTestId("pledge-form")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "the pledge application form");
        await page.GetByTestId("pledge-pledgee").Locator("input").FillAsync(Bank.ToString());
        await page.GetByTestId("pledge-value").Locator("input").FillAsync("3000000");
        await page.GetByTestId("pledge-appraiser").Locator("input").FillAsync("中和资产评估");
        await page.GetByTestId("pledge-report").Locator("input").FillAsync("ZH-PV-2026-0042");
        await page.GetByTestId("pledge-principal").Locator("input").FillAsync("1000000");
        await page.GetByTestId("pledge-doc-form").Locator("input").FillAsync("双方签章的登记申请表");
        await page.GetByTestId("pledge-doc-contract").Locator("input").FillAsync("质押合同 BOI-2026-07");
        await page.GetByTestId("pledge-doc-identity").Locator("input").FillAsync("营业执照");
        await page.GetByTestId("pledge-submit").ClickAsync();
        await Expect(page.GetByTestId("pledge-status")).ToHaveTextAsync("已申请");
        await Expect(page.GetByTestId("pledge-signatures")).ToContainTextAsync(Institute.ToString());
        await BrowserFixture.AssertAccessibleAsync(page, "a pledge just applied for");
        await BrowserFixture.ScreenshotAsync(page, "owner-pledge-application");

        // The demo's registered pledge: principal repaid early, the instalments to come recomputed.
        var electrolyte = (await (await client.GetAsync("/api/pledges?as=pledgor&status=registered")).ReadAsync<Exchange.Api.Lists.ListPageResponse>()).Items.Single();
        await page.GotoAsync(server.BaseUrl + "/console/pledges/" + Guid.Parse(electrolyte.Id));
        await Expect(page.GetByTestId("pledge-schedule")).ToBeVisibleAsync();
        var before = await (await client.GetAsync($"/api/pledges/{Guid.Parse(electrolyte.Id)}")).ReadAsync<PledgeResponse>();
        await page.GetByTestId("repay-early-amount").Locator("input").FillAsync("99999999");
        await page.GetByTestId("repay-early-submit").ClickAsync();
        await Expect(page.GetByTestId("error-amount").First).ToContainTextAsync("principal still owed");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused early repayment");

        await server.DepositAsync(Institute, 100_000m);
        await page.GetByTestId("repay-early-amount").Locator("input").FillAsync("50000");
        await page.GetByTestId("repay-early-submit").ClickAsync();
        await Expect(page.GetByTestId("repay-early-done")).ToBeVisibleAsync();
        var after = await (await client.GetAsync($"/api/pledges/{Guid.Parse(electrolyte.Id)}")).ReadAsync<PledgeResponse>();
        Assert.Equal(before.Prepaid + 50_000m, after.Prepaid);
        Assert.Equal(before.Standing!.OutstandingPrincipal - 50_000m, after.Standing!.OutstandingPrincipal);
        await Expect(page.GetByTestId("pledge-outstanding")).ToContainTextAsync(after.Standing.OutstandingPrincipal.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.AssertAccessibleAsync(page, "a pledge repaid early");
    }

    private static async Task SignInAsync(IPage page, string baseUrl, Guid participantId)
    {
        await page.GotoAsync(baseUrl + "/console");
        await page.GetByTestId($"sign-in-{participantId}").ClickAsync();
        await Expect(page.GetByTestId("participant")).ToBeVisibleAsync();
    }
}
