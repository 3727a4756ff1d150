using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Api.Patents;
using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// Pledge financing in the web console (issue 11), in headless Chromium against the demo market of
/// <see cref="StaffExchanges"/>: the bank's portfolio and a pledge's schedule (in English), the operator's review queue
/// with its deadlines, and the owner's application and early repayment (in Chinese); and on an exchange of its own
/// (<see cref="EnforcementExchange"/>) the enforcement of an overdue loan, from the bank's default to the buyer's payment
/// (in English). Every page is checked with axe-core.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PledgeConsoleJourneyTests(BrowserFixture browser, StaffExchanges exchanges, EnforcementExchange enforcement)
    : IClassFixture<StaffExchanges>, IClassFixture<EnforcementExchange>
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

    [Fact]
    public async Task Enforcement_InEnglish_TheBankDeclaresTheDefaultAndSellsToABuyer_TheOperatorApproves_TheBuyerPays_AndThePageShowsTheProceedsAndTheNewOwner()
    {
        var server = enforcement;
        var (owner, _, number, _) = await Api.ListingsApiTests.ListedPatentAsync(server);
        var bank = await server.RegisterAsync("Pledgee");
        var buyer = await server.RegisterAsync("Investor");
        await server.DepositAsync(buyer, 600_000m);
        await server.DepositAsync(bank, 50_000m);
        const int graceDays = 30;
        var registered = await RegisteredPledgeAsync(server, bank, owner, number, principal: 300_000m, graceDays);
        var pledgeId = registered.PledgeId;
        // A second pledge to the bank, never declared in default: the operator's list of pledges being enforced leaves it out.
        var (otherOwner, _, otherNumber, _) = await Api.ListingsApiTests.ListedPatentAsync(server);
        await RegisteredPledgeAsync(server, bank, otherOwner, otherNumber, principal: 200_000m, graceDays);

        // Nothing is repaid: a day past the first due date and its grace days, the loan is in default. The patent's next
        // annual fee falls due meanwhile, and the bank pays it to keep its collateral in force, as a pledgee may.
        server.Clock.Move(TimeSpan.FromDays(registered.Schedule[0].DueOn.AddDays(graceDays + 1).DayNumber - server.Today.DayNumber));
        using var bankClient = await server.ClientForAsync(bank);
        var next = await (await bankClient.GetAsync($"/api/patents/{number}/annual-fees/next")).ReadAsync<System.Text.Json.JsonElement>();
        var feePaid = await bankClient.PostCommandAsync($"/api/patents/{number}/annual-fees", new { patentYear = next.GetProperty("patentYear").GetInt32() }, server.NewKey());
        Assert.True(feePaid.IsSuccessStatusCode, await feePaid.Content.ReadAsStringAsync());
        var overdue = await (await bankClient.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();
        Assert.Equal((PledgeStatus.Registered, true), (overdue.Status, overdue.Standing!.InDefault));

        // The bank finds the pledge in its portfolio, overdue, and declares the default.
        var bankPage = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(bankPage, server.BaseUrl, bank);
        await bankPage.GetByTestId("language-switch").ClickAsync();
        await bankPage.GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true }).ClickAsync();
        await bankPage.GetByTestId("portfolio-link").ClickAsync();
        await bankPage.GetByTestId($"pledge-{pledgeId}").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-status")).ToHaveTextAsync("registered");
        await Expect(bankPage.GetByTestId("pledge-arrears")).ToContainTextAsync($"{overdue.Standing.DaysPastDue} days past due");
        await BrowserFixture.AssertAccessibleAsync(bankPage, "a pledge overdue past its grace days");
        await bankPage.GetByTestId("pledge-default").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-status")).ToHaveTextAsync("in default");
        await BrowserFixture.AssertAccessibleAsync(bankPage, "a pledge in default");

        // The buyer must be a third party: the pledgor is refused beside the buyer's field, a price of nothing beside the price.
        await bankPage.GetByTestId("pledge-buyer").Locator("input").FillAsync(owner.ToString());
        await bankPage.GetByTestId("pledge-price").Locator("input").FillAsync("500000");
        await bankPage.GetByTestId("pledge-enforce").ClickAsync();
        await Expect(bankPage.GetByTestId("error-buyerId")).ToContainTextAsync("neither the pledgee nor a pledgor");
        await Expect(bankPage.GetByTestId("pledge-enforce-problem")).ToHaveAttributeAsync("data-problem-type", "invalid-input");
        await BrowserFixture.AssertAccessibleAsync(bankPage, "a sale to the pledgor refused");
        await bankPage.GetByTestId("pledge-buyer").Locator("input").FillAsync(buyer.ToString());
        await bankPage.GetByTestId("pledge-price").Locator("input").FillAsync("0");
        await bankPage.GetByTestId("pledge-enforce").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-enforce-problem")).ToHaveAttributeAsync("data-problem-type", "invalid-amount");
        await Expect(bankPage.GetByTestId("pledge-enforce-problem")).ToContainTextAsync("must be positive");
        await Expect(bankPage.GetByTestId("error-price")).ToContainTextAsync("must be positive");
        await Expect(bankPage.GetByTestId("error-buyerId")).ToHaveCountAsync(0);
        Assert.Equal(PledgeStatus.Defaulted, (await (await bankClient.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>()).Status);

        await bankPage.GetByTestId("pledge-price").Locator("input").FillAsync("500000");
        await bankPage.GetByTestId("pledge-enforce").ClickAsync();
        await Expect(bankPage.GetByTestId("pledge-status")).ToHaveTextAsync("being enforced");
        await Expect(bankPage.GetByTestId("pledge-sale")).ToContainTextAsync($"Sale to {buyer} for");
        await Expect(bankPage.GetByTestId("pledge-sale")).ToContainTextAsync("awaiting the operator's approval");
        await Expect(bankPage.GetByTestId("pledge-enforce-problem")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(bankPage, "a proposed enforcement sale");

        // The operator sees every pledge, then only those being enforced, and approves the sale.
        var operatorPage = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(operatorPage, server.BaseUrl, PlatformBootstrap.OperatorId);
        await operatorPage.GetByTestId("language-switch").ClickAsync();
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true }).ClickAsync();
        var pledges = operatorPage.GetByTestId("pledges").GetByTestId("pledges-item");
        await Expect(pledges).ToHaveCountAsync(2);
        await operatorPage.GetByTestId("enforcing-link").ClickAsync();
        await Expect(operatorPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pledges: being enforced");
        await Expect(pledges).ToHaveCountAsync(1);
        await Expect(pledges).ToHaveAttributeAsync("href", $"console/pledges/{pledgeId}");
        await BrowserFixture.AssertAccessibleAsync(operatorPage, "the pledges being enforced");
        await pledges.ClickAsync();
        await Expect(operatorPage.GetByTestId("pledge-sale")).ToContainTextAsync("awaiting the operator's approval");
        await operatorPage.GetByTestId("pledge-approve-sale").ClickAsync();
        await Expect(operatorPage.GetByTestId("pledge-sale")).ToContainTextAsync("approved; the buyer pays by");
        var approved = await (await bankClient.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();
        Assert.Equal(server.Today.AddDays(EnforcementSale.PaymentDays), approved.Sale!.PayBy);
        await Expect(operatorPage.GetByTestId("pledge-approve-sale")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(operatorPage, "an approved enforcement sale");

        // The buyer, an investor with no pledges of its own to list, opens the pledge's page at the address the bank sent
        // it and pays: the pledge closes, the price is split, and the patent is the buyer's.
        var buyerPage = await browser.NewPageAsync(server.BaseUrl);
        await SignInAsync(buyerPage, server.BaseUrl, buyer);
        await buyerPage.GetByTestId("language-switch").ClickAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Link, new() { Name = "My account", Exact = true })).ToBeVisibleAsync();
        await buyerPage.GotoAsync(server.BaseUrl + $"/console/pledges/{pledgeId}");
        await Expect(buyerPage.GetByTestId("pledge-sale")).ToContainTextAsync($"Sale to {buyer} (you) for");
        await BrowserFixture.AssertAccessibleAsync(buyerPage, "an approved sale, as its buyer sees it");
        await buyerPage.GetByTestId("pledge-pay-sale").ClickAsync();
        await Expect(buyerPage.GetByTestId("pledge-status")).ToHaveTextAsync("closed after enforcement");

        using var buyerClient = await server.ClientForAsync(buyer);
        var closed = await (await buyerClient.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();
        var (toBank, toOwner, shortfall) = (closed.Sale!.ToPledgee!.Value, closed.Sale.ToPledgors!.Value, closed.Sale.Shortfall!.Value);
        Assert.Equal(500_000m, toBank + toOwner);
        Assert.True(toBank > 300_000m, $"the bank is paid its principal and the interest owed, {toBank}");
        Assert.Equal(0m, shortfall);
        await Expect(buyerPage.GetByTestId("proceeds-to-pledgee")).ToHaveTextAsync(Yuan(toBank));
        await Expect(buyerPage.GetByTestId("proceeds-to-pledgors")).ToHaveTextAsync(Yuan(toOwner));
        await Expect(buyerPage.GetByTestId("proceeds-shortfall")).ToHaveTextAsync(Yuan(0m));
        await Expect(buyerPage.GetByTestId($"owners-now-{number}")).ToHaveTextAsync($"{buyer} (you)");
        var patent = await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Equal([new OwnerShareResponse(buyer, 100m)], patent.Owners);
        using var ownerClient = await server.ClientForAsync(owner);
        Assert.Equal(toOwner, (await (await ownerClient.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available);
        await BrowserFixture.AssertAccessibleAsync(buyerPage, "a pledge closed after enforcement");
        await BrowserFixture.ScreenshotAsync(buyerPage, "pledge-enforcement");

        // The bank's page, read again, shows the same: what it was paid, and the patent no longer its collateral but the buyer's.
        await bankPage.ReloadAsync();
        await Expect(bankPage.GetByTestId("pledge-status")).ToHaveTextAsync("closed after enforcement");
        await Expect(bankPage.GetByTestId("proceeds-to-pledgee")).ToHaveTextAsync(Yuan(toBank));
        await Expect(bankPage.GetByTestId($"owners-now-{number}")).ToHaveTextAsync(buyer.ToString());
    }

    /// <summary>The console writes money as the English culture does: 1,234.50 after the currency sign.</summary>
    private static string Yuan(decimal amount) => Exchange.WebConsole.Formats.Money(amount, System.Globalization.CultureInfo.GetCultureInfo("en"));

    /// <summary>
    /// A pledge of the owner's patent to the bank, applied for, signed, taken up and registered over HTTP: a loan from
    /// today over three months in equal instalments at 4.35%, on the patent appraised at 1,500,000 with a 50% cap.
    /// </summary>
    internal static async Task<PledgeResponse> RegisteredPledgeAsync(EnforcementExchange server, Guid bank, Guid owner, string number, decimal principal, int graceDays)
    {
        var today = server.Today;
        var application = new
        {
            pledgeeId = bank,
            applicationNumbers = new[] { number },
            royaltyLicenses = Array.Empty<Guid>(),
            appraisal = new { value = 1_500_000m, appraiser = "Zhonghe Assets Appraisal", valuedOn = today.AddDays(-10), reportReference = "ZH-PV-2211" },
            loanToValuePercent = 50m,
            loan = new { principal, annualRatePercent = 4.35m, start = today, months = 3, method = "equalInstalments", paymentDay = Math.Min(today.Day, 28) },
            graceDays,
            channel = "online",
            documents = new { applicationForm = "form signed by both", pledgeContract = "BOI-2026-113", identityDocuments = "business licences" },
            invalidationRiskAcknowledged = false,
        };
        using var bankClient = await server.ClientForAsync(bank);
        using var ownerClient = await server.ClientForAsync(owner);
        using var op = await server.OperatorAsync();
        var applied = await bankClient.PostCommandAsync("/api/pledges", application, server.NewKey());
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var pledgeId = (await applied.ReadAsync<PledgeResponse>()).PledgeId;
        (await ownerClient.PostCommandAsync($"/api/pledges/{pledgeId}/signature", null, server.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/pledges/{pledgeId}/review", null, server.NewKey())).EnsureSuccessStatusCode();
        var registered = await op.PostCommandAsync($"/api/pledges/{pledgeId}/registration", null, server.NewKey());
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        return await registered.ReadAsync<PledgeResponse>();
    }

    internal static async Task SignInAsync(IPage page, string baseUrl, Guid participantId)
    {
        await page.GotoAsync(baseUrl + "/console");
        await page.GetByTestId($"sign-in-{participantId}").ClickAsync();
        await Expect(page.GetByTestId("participant")).ToBeVisibleAsync();
    }
}
