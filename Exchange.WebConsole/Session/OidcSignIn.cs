using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
                // A session as long as a working day; the access token inside may end sooner, and the API says so.
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
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
        routes.MapGet(SignOutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieScheme);
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
        var expiresAt = DateTimeOffset.TryParse(result.Properties.GetTokenValue("expires_at"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UtcNow.AddMinutes(5);
        return new SignInTicket(token, expiresAt);
    }
}

/// <summary>An access token from the authority, handed from the page load to the circuit (a protected component parameter).</summary>
public sealed record SignInTicket(string AccessToken, DateTimeOffset ExpiresAt);
