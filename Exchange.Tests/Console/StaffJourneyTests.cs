using System.Text;
using System.Text.Json;
using Exchange.Api.Infrastructure;
using Exchange.Api.Licenses;
using Exchange.Api.Lists;
using Exchange.Api.Participants;
using Exchange.Grains.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// The licensees', the operator's and the regulator's journeys through the web console in headless Chromium, against
/// the exchanges of <see cref="StaffExchanges"/>: every page visited is checked with axe-core. In Chinese unless a
/// journey switches to English. <c>EXCHANGE_SCREENSHOTS=1</c> photographs the main views into docs/screenshots.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class StaffJourneyTests(BrowserFixture browser, StaffExchanges exchanges, ITestOutputHelper output) : IClassFixture<StaffExchanges>
{
    static StaffJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task ALicensee_SeesItsLicenceWithItsScope_ReportsAFinishedPeriod_AndPaysTheInvoice()
    {
        var server = exchanges.Moved;
        var (licensee, licenseId, number) = exchanges.SignedLicense;
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, licensee, server.BaseUrl);

        await page.GetByRole(AriaRole.Link, new() { Name = "许可", Exact = true }).ClickAsync();
        var link = page.GetByTestId($"license-{licenseId}");
        // The list's title in Chinese, not the API's English line ("Ordinary licence of …").
        await Expect(link).ToHaveTextAsync($"普通许可：{number}");
        await BrowserFixture.AssertAccessibleAsync(page, "my licences");
        await link.ClickAsync();

        await Expect(page.GetByTestId("license-status")).ToHaveTextAsync("生效中");
        await Expect(page.GetByTestId("license")).ToContainTextAsync(number);
        var scope = page.GetByTestId("scope");
        await Expect(scope).ToContainTextAsync("H10K");
        await Expect(scope).ToContainTextAsync("¥30,000.00");
        await Expect(scope).ToContainTextAsync("3.50%");
        await Expect(page.GetByTestId("filing-status")).ToContainTextAsync("逾期");
        await Expect(page.GetByTestId("invoices-empty")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "a licence before its first report");

        await page.GetByTestId("report-net-sales").Locator("input").FillAsync("400000");
        await page.GetByTestId("report-submit").ClickAsync();

        // 3.5% of CNY 400,000 is more than the quarter's share of the CNY 10,000 minimum.
        await Expect(page.GetByTestId("report-done")).ToContainTextAsync("¥14,000.00");
        await Expect(page.GetByTestId("invoices")).ToContainTextAsync("¥400,000.00");
        await BrowserFixture.AssertAccessibleAsync(page, "a licence with a reported period");

        await page.GetByTestId("pay-0").ClickAsync();

        await Expect(page.GetByTestId("pay-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("paid-0")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "licence");
        await BrowserFixture.AssertAccessibleAsync(page, "a licence with a paid invoice");
        using var client = await server.ClientForAsync(licensee);
        var licence = await (await client.GetAsync($"/api/licenses/{licenseId}")).ReadAsync<LicenseResponse>();
        var invoice = Assert.Single(licence.Invoices);
        Assert.Equal((400_000m, 14_000m), (invoice.NetSales, invoice.Royalty));
        Assert.NotNull(invoice.PaidOn);

        // The next period has not ended: the API refuses its report, and the form says why.
        await page.GetByTestId("report-net-sales").Locator("input").FillAsync("1000");
        await page.GetByTestId("report-submit").ClickAsync();
        var refusal = page.GetByTestId("report-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "invalid-input");
        await Expect(refusal).ToContainTextAsync("has not ended yet");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused royalty report");
    }

    [Fact]
    public async Task ALicensee_ReadsTheAuditTrailsOfItsLicenceAndItsRecord_ButNotThatOfThePatentItDoesNotOwn()
    {
        var server = exchanges.Moved;
        var (licensee, licenseId, number) = exchanges.SignedLicense;
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, licensee, server.BaseUrl);

        await page.GotoAsync($"{server.BaseUrl}/console/licenses/{licenseId}");
        await Expect(page.GetByTestId("license-status")).ToHaveTextAsync("生效中");
        await page.GetByTestId("audit-link").ClickAsync();
        await Expect(page.GetByTestId("audit-object")).ToHaveTextAsync($"license:{licenseId:N}");
        await Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("submitted");
        await BrowserFixture.AssertAccessibleAsync(page, "a licence's audit trail, as its licensee reads it");

        await page.GetByRole(AriaRole.Link, new() { Name = "我的账户" }).ClickAsync();
        await page.GetByTestId("audit-link").ClickAsync();
        await Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("kyc:Verify");
        await BrowserFixture.AssertAccessibleAsync(page, "a participant's own audit trail");

        // The licensed patent is public, but its trail is its owners' and the staff's: no link, and the API refuses it.
        await page.GotoAsync($"{server.BaseUrl}/console/patents/{number}");
        await Expect(page.GetByTestId("patent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-link")).ToHaveCountAsync(0);
        await page.GotoAsync($"{server.BaseUrl}/console/audit/{Uri.EscapeDataString($"patent:{number}")}");
        var refusal = page.GetByTestId("audit-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "forbidden");
        await Expect(refusal).ToContainTextAsync($"does not own patent {number}");
        await Expect(page.GetByTestId("audit-trail")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page, "another owner's patent's audit trail, refused");
    }

    [Fact]
    public async Task TheOperator_InEnglish_SeesOverdueFilingsAndTheVerifiedTrialBalance_AndSuspendsAParticipant()
    {
        var server = exchanges.Moved;
        var (_, licenseId, _) = exchanges.SignedLicense;
        var participant = await server.RegisterAsync("Investor");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, PlatformBootstrap.OperatorId, server.BaseUrl);
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Overdue filings" }).ClickAsync();
        var overdue = page.GetByTestId($"overdue-{licenseId}");
        await Expect(overdue).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "overdue-filings");
        await BrowserFixture.AssertAccessibleAsync(page, "overdue licence filings");
        await overdue.ClickAsync();
        await Expect(page.GetByTestId("filing-status")).ToContainTextAsync("overdue since");
        await Expect(page.GetByTestId("report-form")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page, "a licence as the operator sees it");

        await page.GetByRole(AriaRole.Link, new() { Name = "Trial balance" }).ClickAsync();
        await Expect(page.GetByTestId("trial-balance-balanced")).ToHaveTextAsync("Yes");
        await Expect(page.GetByTestId("trial-balance-total")).ToHaveTextAsync("CNY 0.00");
        await page.GetByTestId("verify").ClickAsync();
        await Expect(page.GetByTestId("verification-result")).ToContainTextAsync("agree with the running totals");
        await Expect(page.GetByTestId("recomputed-total")).ToHaveTextAsync("CNY 0.00");
        await BrowserFixture.ScreenshotAsync(page, "trial-balance");
        await BrowserFixture.AssertAccessibleAsync(page, "the verified trial balance");

        await page.GotoAsync($"{server.BaseUrl}/console/participants/{participant}");
        await Expect(page.GetByTestId("suspension-status")).ToHaveTextAsync("verified");
        await page.GetByTestId("suspension-reason").Locator("input").FillAsync("Suspicious trading reported");
        await page.GetByTestId("suspend").ClickAsync();

        await Expect(page.GetByTestId("suspension-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("suspension-status")).ToHaveTextAsync("suspended");
        await Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("suspended");
        await Expect(page.GetByTestId("reinstate")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "participant-suspended");
        await BrowserFixture.AssertAccessibleAsync(page, "a suspended participant");
        using var op = await server.OperatorAsync();
        Assert.Equal(KycStatus.Suspended, (await (await op.GetAsync($"/api/participants/{participant}")).ReadAsync<ParticipantResponse>()).KycStatus);

        await page.GetByTestId("audit-link").ClickAsync();
        var trail = page.GetByTestId("audit-trail");
        await Expect(trail).ToContainTextAsync("kyc:Suspend");
        await Expect(trail).ToContainTextAsync("Suspicious trading reported");
        await BrowserFixture.AssertAccessibleAsync(page, "a participant's audit trail");
    }

    [Fact]
    public async Task TheRegulator_ReadsTheAuditTrailsOfALicenceAndAPatent_AndIsRefusedASuspension()
    {
        var server = exchanges.Demo;
        var regulator = exchanges.DemoParticipant("National IP Market Regulator");
        var licenseId = Exchange.Api.Demo.DemoMarket.ElectrolyteLicenceId;
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, regulator, server.BaseUrl);

        await page.GotoAsync($"{server.BaseUrl}/console/licenses/{licenseId}");
        await Expect(page.GetByTestId("invoices")).ToContainTextAsync("已于");
        await Expect(page.GetByTestId("filing-status")).ToContainTextAsync("已于");
        await BrowserFixture.AssertAccessibleAsync(page, "the demo licence as the regulator sees it");
        await page.GetByTestId("audit-link").ClickAsync();
        var trail = page.GetByTestId("audit-trail");
        await Expect(trail).ToContainTextAsync("royalty-paid:2");
        await Expect(trail).ToContainTextAsync("filed");
        await BrowserFixture.ScreenshotAsync(page, "audit-trail");
        await BrowserFixture.AssertAccessibleAsync(page, "a licence's audit trail");

        var patent = page.GetByRole(AriaRole.Link, new() { Name = "专利", Exact = true });
        await patent.ClickAsync();
        var first = page.GetByTestId("patents").GetByRole(AriaRole.Link).First;
        await Expect(first).ToBeVisibleAsync();
        await first.ClickAsync();
        await Expect(page.GetByTestId("patent")).ToBeVisibleAsync();
        await page.GetByTestId("audit-link").ClickAsync();
        await Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("registered");
        await BrowserFixture.AssertAccessibleAsync(page, "a patent's audit trail");

        await page.GetByRole(AriaRole.Link, new() { Name = "参与方" }).ClickAsync();
        await page.GetByTestId("participants").GetByRole(AriaRole.Link, new() { Name = "Shenzhen Solid-State Battery Co., Ltd." }).ClickAsync();
        await Expect(page.GetByTestId("suspension-status")).ToHaveTextAsync("已认证");
        await page.GetByTestId("suspend").ClickAsync();

        var refusal = page.GetByTestId("suspension-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "forbidden");
        await Expect(refusal).ToContainTextAsync("您无权执行此操作");
        await Expect(refusal).ToContainTextAsync("may not decide KYC");
        await Expect(page.GetByTestId("suspension-status")).ToHaveTextAsync("已认证");
        await BrowserFixture.AssertAccessibleAsync(page, "a suspension the regulator may not make");
    }

    [Fact]
    public async Task TheOperator_ConfirmsAnOwnersRegistrationAgainstTheOfficeRecord_ARefusedConfirmationSaysWhy_TheRegulatorOnlyReads()
    {
        var server = browser.Server;
        var owner = await server.RegisterAsync("Owner");
        var regulator = await server.RegisterAsync("Regulator");
        var filed = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1);
        var number = Api.PatentsApiTests.NewNumber(filed.Year);
        using (var ownerClient = await server.ClientForAsync(owner))
        {
            (await ownerClient.PostCommandAsync("/api/patents", Api.PatentsApiTests.Registration(number, filed, (owner, 100m)), server.NewKey())).EnsureSuccessStatusCode();
        }

        var reader = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(reader, regulator, server.BaseUrl);
        await reader.GetByRole(AriaRole.Link, new() { Name = "待确认登记" }).ClickAsync();
        await Expect(reader.GetByTestId($"registration-{number}")).ToBeVisibleAsync();
        await Expect(reader.GetByTestId("registrations-read-only")).ToBeVisibleAsync();
        await Expect(reader.GetByTestId($"confirm-{number}-submit")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(reader, "the registrations to confirm, as the regulator reads them");

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, PlatformBootstrap.OperatorId, server.BaseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "待确认登记" }).ClickAsync();
        await Expect(page.GetByTestId($"registration-{number}")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "registrations-to-confirm");
        await BrowserFixture.AssertAccessibleAsync(page, "the registrations to confirm");

        // Without the record it checked, the API refuses the confirmation, and says so beside the button.
        await page.GetByTestId($"confirm-{number}-submit").ClickAsync();
        var refusal = page.GetByTestId($"confirm-{number}-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "invalid-input");
        await Expect(page.GetByTestId($"confirm-{number}").GetByTestId("error-officeRecord")).ToContainTextAsync("'officeRecord' is required");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused registration confirmation");

        await page.GetByTestId($"office-record-{number}").Locator("input").FillAsync("CNIPA register extract " + number);
        await page.GetByTestId($"confirm-{number}-submit").ClickAsync();

        await Expect(page.GetByTestId("registration-confirmed")).ToContainTextAsync(number);
        await Expect(page.GetByTestId($"registration-{number}")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page, "a confirmed registration");
        using var op = await server.OperatorAsync();
        var patent = await (await op.GetAsync($"/api/patents/{number}")).ReadAsync<Exchange.Api.Patents.PatentResponse>();
        Assert.Equal("CNIPA register extract " + number, patent.OfficeRecord);
    }

    [Fact]
    public async Task TheMarketChart_ShowsDealsPerQuarter_WithItsTable()
    {
        var server = exchanges.Demo;
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, exchanges.DemoParticipant("Haidian Science Ventures"), server.BaseUrl);

        await page.GetByRole(AriaRole.Link, new() { Name = "市场数据" }).ClickAsync();
        await Expect(page.GetByTestId("market-svg")).ToBeVisibleAsync();
        await page.GetByTestId("market-ipc").Locator("input").FillAsync("H04W");
        await page.GetByTestId("market-kind").SelectOptionAsync("sale");
        await page.GetByTestId("market-submit").ClickAsync();

        var chart = page.GetByTestId("market-svg");
        await Expect(chart.Locator("title").First).ToHaveTextAsync("H04W：每季度转让");
        await Expect(chart.Locator("rect.chart-bar")).ToHaveCountAsync(8);
        await Expect(chart.Locator("circle.chart-point")).ToHaveCountAsync(1);
        var table = page.GetByTestId("market-table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(8);
        // The scheduler patent was sold after a counter-offer, at CNY 765,000.
        await Expect(table).ToContainTextAsync("¥765,000.00");
        await BrowserFixture.ScreenshotAsync(page, "market-chart");
        await BrowserFixture.AssertAccessibleAsync(page, "the market chart");

        await page.GetByTestId("market-ipc").Locator("input").FillAsync("H0");
        await page.GetByTestId("market-submit").ClickAsync();
        await Expect(page.GetByTestId("error-ipc")).ToContainTextAsync("H04W");
    }

    /// <summary>
    /// How long the main pages take to load on the embedded default with the demo data, printed (docs/benchmarks.md,
    /// "Console page loads"), never asserted: from the navigation's start to the page's content on screen, which for a
    /// Blazor server page includes starting its circuit and its calls to the API.
    /// </summary>
    [Fact]
    public async Task MainPages_LoadTimes_OnTheDemoMarket_ArePrinted()
    {
        var server = exchanges.Demo;
        var licensee = exchanges.DemoParticipant("Shenzhen");
        using var licenseeClient = await server.ClientForAsync(licensee);
        var licence = await (await licenseeClient.GetAsync($"/api/licenses/{Exchange.Api.Demo.DemoMarket.ElectrolyteLicenceId}")).ReadAsync<LicenseResponse>();
        var number = licence.ApplicationNumbers[0];
        (string Who, Guid Id, (string Page, string Path, string Ready)[] Pages)[] journeys =
        [
            ("licensee", licensee,
            [
                ("my account", "/console/me", "available"),
                ("patents", "/console/patents", "patents"),
                ("patent", $"/console/patents/{number}", "patent"),
                ("patent navigation", "/console/search", "search-results"),
                ("licences", "/console/licenses", "licenses"),
                ("licence", $"/console/licenses/{licence.LicenseId}", "invoices"),
                ("market data", "/console/market", "market-table"),
            ]),
            ("operator", PlatformBootstrap.OperatorId,
            [
                ("participants", "/console/participants", "participants"),
                ("participant", $"/console/participants/{licensee}", "suspension"),
                ("KYC queue", "/console/kyc", "kyc-empty"),
                ("overdue filings", "/console/filings", "filings-empty"),
                ("trial balance", "/console/ledger", "trial-balance"),
                ("audit trail", $"/console/audit/license:{licence.LicenseId:N}", "audit-trail"),
            ]),
        ];
        // Once per page in the suite (each page still checked and axe-scanned); five times when measured for docs/benchmarks.md.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("EXCHANGE_LOAD_ROUNDS"), out var asked) && asked > 0 ? asked : 1;
        var report = new StringBuilder($"| page | DOMContentLoaded, ms (median) | content shown, ms (median) | content shown, ms (slowest of {rounds}) |\n| --- | --- | --- | --- |\n");
        foreach (var (who, id, pages) in journeys)
        {
            var page = await browser.NewPageAsync();
            await BrowserFixture.SignInAsync(page, id, server.BaseUrl);
            foreach (var (name, path, ready) in pages)
            {
                var loads = new List<(double Dom, double Shown)>();
                for (var round = 0; round < rounds; round++)
                {
                    await page.GotoAsync(server.BaseUrl + path);
                    loads.Add(await LoadTimeAsync(page, ready));
                }
                await BrowserFixture.AssertAccessibleAsync(page, $"{name} as the {who}");
                report.Append($"| {name} ({who}) | {Median(loads.Select(l => l.Dom)):0} | {Median(loads.Select(l => l.Shown)):0} | {loads.Max(l => l.Shown):0} |\n");
            }
        }
        output.WriteLine(report.ToString());
    }

    /// <summary>The Navigation Timing API's DOMContentLoaded, and the moment the page's content appeared, both from the navigation's start.</summary>
    private static async Task<(double Dom, double Shown)> LoadTimeAsync(IPage page, string readyTestId)
    {
        var shown = await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=\"{readyTestId}\"]') ? performance.now() : null");
        var dom = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
        return (dom, (await shown.JsonValueAsync<JsonElement>()).GetDouble());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
