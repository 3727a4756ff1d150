using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.WebConsole.Session;

/// <summary>
/// OpenID Connect sign-in for the console, when a real token authority issues the API's tokens. The browser signs in
/// at the authority (authorization code with PKCE); the access token it returns, one the API accepts like any other
/// client's, is kept in an HTTP-only cookie of the console's own, which only the console's pages read. Each page load
/// hands it to the tab's circuit (<see cref="SignInTicket"/>), which calls the API with it, so the console stays a
/// client of the API and holds no power of its own. These schemes are never the API's defaults: a request to the API
/// is judged by its bearer token alone.
/// </summary>
public static class OidcSignIn
{
    public const string CookieScheme = "console-cookie";
    public const string OidcScheme = "console-oidc";
    public const string SignInPath = ConsoleSetup.BasePath + "/oidc/sign-in";
    public const string SignOutPath = ConsoleSetup.BasePath + "/oidc/sign-out";
    public const string CallbackPath = ConsoleSetup.BasePath + "/oidc/callback";
    public const string SignedOutCallbackPath = ConsoleSetup.BasePath + "/oidc/signed-out";

    /// <summary>Where a completed sign-in lands: the signed-in participant's own page.</summary>
    public const string LandingPath = ConsoleSetup.BasePath + "/me";

    public static void AddTo(IServiceCollection services, OidcSignInOptions options)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "exchange-console";
                cookie.Cookie.Path = ConsoleSetup.BasePath;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Secure even where TLS ends at a proxy in front (browsers accept it on http://localhost too).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
                // The sign-in lasts as long as the access token it holds: an expired token signs the browser out
                // rather than being handed to the circuit for the API to refuse.
                cookie.Events.OnValidatePrincipal = context =>
                {
                    if (ExpiresAt(context.Properties) is not { } expires || expires <= DateTimeOffset.UtcNow)
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieScheme);
                    }
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.Authority = options.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.SignInScheme = CookieScheme;
                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = ConsoleSetup.BasePath;
                oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
                oidc.MapInboundClaims = false;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                foreach (var scope in options.Scopes)
                {
                    oidc.Scope.Add(scope);
                }
            });
    }

    public static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapGet(SignInPath, () => Results.Challenge(new AuthenticationProperties { RedirectUri = LandingPath }, [OidcScheme])).ExcludeFromDescription();
        // A POST from the console's own sign-out form, with the page's antiforgery token: a link, an image or another
        // site's form cannot sign the user out (logout CSRF); a GET of this address is 405.
        routes.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery, IOptionsMonitor<OpenIdConnectOptions> oidc) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from the console's own page: this request does not carry its form's token.");
            }
            await http.SignOutAsync(CookieScheme);
            // Ends the session at the authority too, where it offers that, or the next "sign in" on a shared machine
            // would sign the previous person in again without asking.
            var configuration = await oidc.Get(OidcScheme).ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (!string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                await http.SignOutAsync(OidcScheme, new AuthenticationProperties { RedirectUri = ConsoleSetup.BasePath });
                return Results.Empty;
            }
            return Results.Redirect(ConsoleSetup.BasePath);
        }).ExcludeFromDescription();
    }

    /// <summary>The access token of the console's sign-in cookie on this request, if there is one.</summary>
    public static async Task<SignInTicket?> TicketAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieScheme);
        if (!result.Succeeded || result.Properties?.GetTokenValue("access_token") is not { Length: > 0 } token)
        {
            return null;
        }
        return ExpiresAt(result.Properties) is { } expiresAt ? new SignInTicket(token, expiresAt) : null;
    }

    /// <summary>When the access token ends, as the authority said (<c>expires_in</c>, saved as <c>expires_at</c>); null if it did not say.</summary>
    private static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

/// <summary>An access token from the authority, handed from the page load to the circuit (a protected component parameter).</summary>
public sealed record SignInTicket(string AccessToken, DateTimeOffset ExpiresAt)
{
    // A record prints its members; a token must never reach a log line that formats the ticket.
    public override string ToString() => $"sign-in ticket until {ExpiresAt:O}";
}
