using System.Text.Json;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// One exchange and one headless Chromium for the browser journeys. The browser is Debian's (<c>/usr/bin/chromium</c>,
/// which scripts/test.sh installs), launched by path: nothing is downloaded. axe-core comes from tools/axe (npm ci).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "console-browser";

    /// <summary>Generous: another test run may be loading the same two cores.</summary>
    public const float Timeout = 30_000;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("EXCHANGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string AxePath => Path.Combine(RepositoryRoot.Path, "tools", "axe", "node_modules", "axe-core", "axe.min.js");

    public ConsoleServer Server { get; private set; } = null!;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not at {ChromiumPath}: scripts/test.sh installs Debian's chromium (apt-get install chromium)");
        Assert.True(File.Exists(AxePath), $"axe-core is not at {AxePath}: scripts/test.sh installs it (cd tools/axe && npm ci)");
        Server = new ConsoleServer();
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            // The machine's network is closed: Chromium's own background connections would only be refused.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies and session storage: a new user at a new tab).</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(Server.BaseUrl);

    /// <summary>A fresh browser context on another exchange than the fixture's (one configured differently).</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN" });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in on the sign-in page as the participant and waits for its account page, both checked with axe-core; on
    /// the exchange at <paramref name="baseUrl"/> when given, else on the page's own.
    /// </summary>
    public static async Task SignInAsync(IPage page, Guid participantId, string? baseUrl = null)
    {
        await page.GotoAsync((baseUrl ?? "") + "/console");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the sign-in page");
        await page.GetByTestId($"sign-in-{participantId}").ClickAsync();
        await Expect(page.GetByTestId("participant")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("available")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "my account");
    }

    /// <summary>axe-core finds no serious or critical violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        var found = await SeriousViolationsAsync(page);
        if (found.Length > 0)
        {
            // Fluent UI's web components render their inner label and input a moment after the page shows them; on a
            // loaded machine axe can run in between and see an input without its label. A real violation is still
            // there a second later.
            await page.WaitForTimeoutAsync(1_000);
            found = await SeriousViolationsAsync(page);
        }
        Assert.True(found.Length == 0, $"axe-core on {what} ({page.Url}):\n" + string.Join("\n", found));
    }

    /// <summary>
    /// Photographs one of the main views into docs/screenshots/{name}.png, which the README links, only when asked
    /// (<c>EXCHANGE_SCREENSHOTS=1</c>, the one switch for screenshots), so that a test run changes no committed file.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("EXCHANGE_SCREENSHOTS") == "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", name + ".png"), FullPage = true });
        }
    }

    private static async Task<string?[]> SeriousViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString()).ToArray();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The browser, and the demo market the journeys that need nothing else share (one load of its history instead of one per class).</summary>
[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<DemoExchange>;
