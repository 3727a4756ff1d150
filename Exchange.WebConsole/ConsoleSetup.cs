using System.Globalization;
using Exchange.WebConsole.Client;
using Exchange.WebConsole.Components;
using Exchange.WebConsole.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Exchange.WebConsole;

/// <summary>
/// The web console, served beside the REST API at <see cref="BasePath"/>: Blazor interactive server components
/// (Fluent UI), which reach the exchange only through the API (<see cref="ExchangeApiClient"/>), as any client does.
/// Its pages, the culture switch and its static files are not operations of the API and stay out of its OpenAPI document.
/// </summary>
public static class ConsoleSetup
{
    public const string BasePath = "/console";

    public static readonly CultureInfo DefaultCulture = CultureInfo.GetCultureInfo("zh-CN");

    public static readonly IReadOnlyList<CultureInfo> Cultures = [DefaultCulture, CultureInfo.GetCultureInfo("en")];

    /// <param name="operatorId">The platform operator, whose development token lets the sign-in page list who may sign in.</param>
    /// <param name="signIn">OpenID Connect sign-in at the API's token authority; null where the exchange mints development tokens.</param>
    /// <param name="devTokensEnabled">Whether the exchange mints development tokens (no token authority configured).</param>
    public static IServiceCollection AddExchangeConsole(this IServiceCollection services, Guid operatorId, OidcSignInOptions? signIn = null, bool devTokensEnabled = true)
    {
        if (signIn is not null)
        {
            OidcSignIn.AddTo(services, signIn);
        }
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFluentUIComponents();
        services.AddLocalization();
        services.AddHttpClient<ExchangeApiClient>(http => http.Timeout = TimeSpan.FromSeconds(100));
        // A line per call of the console's own client would drown the API's log.
        services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient." + nameof(ExchangeApiClient), LogLevel.Warning));
        services.AddSingleton<ApiAddress>();
        services.AddSingleton(new ConsoleOptions(operatorId, signIn, devTokensEnabled));
        services.AddScoped<ConsoleSession>();
        services.AddScoped<SessionStore>();
        return services;
    }

    /// <summary>The console's culture (a cookie, zh-CN by default) for its pages and circuits only: the API's own requests keep the invariant culture.</summary>
    public static WebApplication UseExchangeConsole(this WebApplication app)
    {
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(DefaultCulture),
            SupportedCultures = [.. Cultures],
            SupportedUICultures = [.. Cultures],
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        };
        app.UseWhen(IsConsoleRequest, console =>
        {
            console.UseRequestLocalization(localization);
            // A console page may carry the sign-in (OidcSignIn): no browser or proxy keeps a copy to bring back after sign-out.
            console.Use((context, next) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
        });
        // Static files as middleware, for their folders only: MapStaticAssets would add a catch-all GET endpoint
        // ({**path:file}) that turns the API's 404 for an unknown address into a 405.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/_content") || context.Request.Path.StartsWithSegments("/_framework"),
            files => files.UseStaticFiles());
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapExchangeConsole(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().ExcludeFromDescription();
        app.MapGet(BasePath + "/culture", SwitchCulture).ExcludeFromDescription();
        if (app.Services.GetRequiredService<ConsoleOptions>().UsesOpenIdConnect)
        {
            OidcSignIn.MapEndpoints(app);
        }
        return app;
    }

    /// <summary>Where the console starts, for the run command to print.</summary>
    public static string Address(string serverAddress) => serverAddress.TrimEnd('/') + BasePath;

    public static bool IsConsoleRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(BasePath) || context.Request.Path.StartsWithSegments("/_blazor");

    /// <summary>Stores the chosen language in the culture cookie and reloads the page in it (the circuit takes its culture when it starts).</summary>
    private static IResult SwitchCulture(string? culture, string? returnUrl, HttpContext http)
    {
        var chosen = Cultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? DefaultCulture;
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        var local = returnUrl is { Length: > 0 } && returnUrl.StartsWith(BasePath, StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\');
        return Results.LocalRedirect(local ? returnUrl! : BasePath);
    }
}
