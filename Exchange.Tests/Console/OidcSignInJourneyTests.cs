using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Exchange.Api.Infrastructure;
using Exchange.Api.Participants;
using Exchange.Tests.Infrastructure;
using Exchange.WebConsole.Session;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// The exchange with a real token authority configured (<c>Auth:Authority</c>): no development tokens, and the console
/// signs people in by OpenID Connect at that authority, then calls the API with the access token it issued.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class OidcSignInJourneyTests(BrowserFixture browser, OidcExchange exchange) : IClassFixture<OidcExchange>
{
    private readonly TestTokenAuthority _authority = exchange.Authority;
    private readonly ConsoleServer _server = exchange.Server;

    static OidcSignInJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task AnOwner_SignsInAtTheTokenAuthority_SeesItsOwnAccount_AndSignsOut()
    {
        var owner = await RegisterVerifiedAsync("OIDC Owner Co.");
        _authority.SignInAs(owner, "Owner");
        var page = await browser.NewPageAsync(_server.BaseUrl);
        // The authority is the class's: the other journeys' sign-ins count there too.
        var (codes, ended) = (_authority.CodesExchanged, _authority.SessionsEnded);

        await page.GotoAsync("/console");
        var signIn = page.GetByTestId("oidc-sign-in");
        await Expect(signIn).ToBeVisibleAsync();
        // Nobody is offered as a development sign-in: this exchange mints no such tokens.
        await Expect(page.GetByTestId("candidates")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page, "the sign-in page with a token authority");

        await signIn.ClickAsync();

        await page.WaitForURLAsync("**/console/me");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("OIDC Owner Co.");
        await Expect(page.GetByTestId("available")).ToHaveTextAsync("¥0.00");
        Assert.Equal(codes + 1, _authority.CodesExchanged);
        // The token stays on the server side: no script can read the console's cookie, and no page shows the token.
        Assert.DoesNotContain("exchange-console", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.DoesNotContain(_authority.LastAccessToken!, await page.ContentAsync());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "exchange-console");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.Path == "/console", "HttpOnly, Secure, path /console");
        // Another tab of the same browser is signed in by the cookie alone (its session storage is empty).
        var tab = await page.Context.NewPageAsync();
        await tab.GotoAsync("/console/me");
        await Expect(tab.GetByTestId("signed-in-as")).ToHaveTextAsync("OIDC Owner Co.");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await Expect(page.GetByTestId("oidc-sign-in")).ToBeVisibleAsync();
        Assert.Equal(ended + 1, _authority.SessionsEnded);
        // Signed out everywhere: the other tab, loaded again, is asked to sign in.
        await tab.ReloadAsync();
        await Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "尚未登录" })).ToBeVisibleAsync();
        await Expect(tab.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        // And the session at the authority ended too: signing in again finds nobody signed in there.
        await page.GetByTestId("oidc-sign-in").ClickAsync();
        await Expect(page.GetByText("no user at the keyboard")).ToBeVisibleAsync();
        Assert.Equal(codes + 1, _authority.CodesExchanged);
        // Closed, so that no circuit of this browser keeps the exchange busy when it stops.
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ALinkToSignOut_DoesNotSignOut_NorDoesAPostWithoutThePagesToken()
    {
        var owner = await RegisterVerifiedAsync("OIDC Linked Co.");
        _authority.SignInAs(owner, "Owner");
        var page = await browser.NewPageAsync(_server.BaseUrl);
        await page.GotoAsync("/console");
        await page.GetByTestId("oidc-sign-in").ClickAsync();
        await page.WaitForURLAsync("**/console/me");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("OIDC Linked Co.");
        await BrowserFixture.AssertAccessibleAsync(page, "my account, signed in at the token authority");
        var ended = _authority.SessionsEnded;

        // What a link or an image on another site would do: a GET with the browser's cookie.
        var followed = await page.GotoAsync(OidcSignIn.SignOutPath);
        Assert.Equal(405, followed!.Status);
        // What another site's form would do: a POST with the cookie but without the console page's antiforgery token.
        var forged = await page.Context.APIRequest.PostAsync(OidcSignIn.SignOutPath);
        Assert.Equal(400, forged.Status);

        await page.GotoAsync("/console/me");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("OIDC Linked Co.");
        Assert.Equal(ended, _authority.SessionsEnded);
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "exchange-console");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithATokenAuthority_TheDevelopmentTokenEndpointIsGone_AndTheAuthoritysTokensAreTheOnlyWayIn()
    {
        using var anonymous = _server.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/dev/tokens", new { participantId = PlatformBootstrap.OperatorId })).StatusCode);
        using var op = OperatorClient();
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/participants/{PlatformBootstrap.OperatorId}")).StatusCode);
        using var forged = _server.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new TestTokenAuthority().AccessTokenFor(PlatformBootstrap.OperatorId, "Operator"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/api/participants/{PlatformBootstrap.OperatorId}")).StatusCode);
    }

    private HttpClient OperatorClient()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.AccessTokenFor(PlatformBootstrap.OperatorId, "Operator"));
        return client;
    }

    private async Task<Guid> RegisterVerifiedAsync(string legalName)
    {
        using var op = OperatorClient();
        var created = await op.PostCommandAsync("/api/participants", new { legalName, kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = false }, _server.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var participant = await created.ReadAsync<ParticipantResponse>();
        (await op.PostCommandAsync($"/api/participants/{participant.ParticipantId}/kyc", new { decision = "verify", reason = "documents checked" }, _server.NewKey())).EnsureSuccessStatusCode();
        return participant.ParticipantId;
    }
}

/// <summary>A token authority and an exchange that trusts it, shared by the journeys of <see cref="OidcSignInJourneyTests"/>.</summary>
public sealed class OidcExchange : IAsyncLifetime
{
    public TestTokenAuthority Authority { get; } = new();

    public ConsoleServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Authority.StartAsync();
        Server = new ConsoleServer(new Dictionary<string, string>
        {
            ["Auth:Authority"] = Authority.Issuer,
            ["Auth:Audience"] = TestTokenAuthority.Audience,
            ["Auth:Console:ClientId"] = TestTokenAuthority.ConsoleClientId,
            ["Auth:Console:Scopes:0"] = TestTokenAuthority.Audience,
        });
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
