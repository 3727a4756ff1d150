using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// A circuit whose token expires: the API answers 401, and the console takes the user to the sign-in page with a message
/// in the user's language, from which it signs in again. Development tokens last eight hours by the exchange's business
/// clock, which the API also judges them by: moving that clock on expires them without waiting.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class SessionExpiryJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Past a development token's eight hours and the API's 30 s of clock skew.</summary>
    private static readonly TimeSpan PastTokenLifetime = TimeSpan.FromHours(9);

    private readonly StaffExchanges.MovedClockServer _server = new();

    static SessionExpiryJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            await _server.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // A shutdown that outlasts the host's timeout on a loaded machine (StaffExchanges does the same): the result is in.
        }
    }

    [Fact]
    public async Task ASessionWhoseTokenExpires_IsTakenToTheSignInPageWithAMessage_InBothLanguages_AndSignsInAgain()
    {
        var participant = await _server.RegisterAsync("Owner");
        var page = await browser.NewPageAsync(_server.BaseUrl);
        await BrowserFixture.SignInAsync(page, participant);
        await AccountReadAsync(page);

        _server.Clock.Move(PastTokenLifetime);
        await page.GetByRole(AriaRole.Link, new() { Name = "专利", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("session-expired")).ToHaveTextAsync("您的登录已过期，请重新登录后继续。");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page, "the sign-in page after the token expired");
        // A fresh token, on the same clock, is accepted: the user carries on.
        await page.GetByTestId($"sign-in-{participant}").ClickAsync();
        await Expect(page.GetByTestId("participant")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("session-expired")).ToHaveCountAsync(0);

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        await AccountReadAsync(page);
        _server.Clock.Move(PastTokenLifetime);
        await page.GetByRole(AriaRole.Link, new() { Name = "Patents", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("session-expired")).ToHaveTextAsync("Your sign-in has expired. Sign in again to continue.");
        await BrowserFixture.AssertAccessibleAsync(page, "the sign-in page after the token expired, in English");
        // The refused token is forgotten with the sign-in: a reload does not offer it again.
        await page.ReloadAsync();
        await Expect(page.GetByTestId($"sign-in-{participant}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The account page has read the account and its statement. Only then may the clock move: a read still in flight
    /// would meet the expired token first and take the page to the sign-in before the link is clicked.
    /// </summary>
    private static async Task AccountReadAsync(IPage page)
    {
        await Expect(page.GetByTestId("available")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=statement], [data-testid=statement-empty]")).ToBeVisibleAsync();
    }
}
