using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Exchange.Api.Audit;
using Exchange.Api.Demo;
using Exchange.Api.DevTokens;
using Exchange.Api.Infrastructure;
using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Api.Infrastructure.RateLimiting;
using Exchange.Api.Ledger;
using Exchange.Api.Licenses;
using Exchange.Api.Listings;
using Exchange.Api.Lists;
using Exchange.Api.Navigation;
using Exchange.Api.Participants;
using Exchange.Api.PatentTransfers;
using Exchange.Api.Patents;
using Exchange.Api.Pledges;
using Exchange.Api.Pools;
using Exchange.Grains.Hosting;
using Exchange.WebConsole;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

// The API speaks one culture whatever the machine's locale; only the web console's requests take the user's (ConsoleSetup).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
// The console's static files (Fluent UI's among them) are served from the build output too, not only when published.
builder.WebHost.UseStaticWebAssets();
var configuration = builder.Configuration;
if (configuration["config"] is { Length: > 0 } file)
{
    // An extra layer for deployments (deploy/cluster/*.json); the command line still wins.
    configuration.AddJsonFile(Path.GetFullPath(file), optional: false).AddCommandLine(args);
}

var clientMode = string.Equals(configuration["Exchange:Api:Mode"], "Client", StringComparison.OrdinalIgnoreCase);
if (configuration.GetValue<bool>("Exchange:Demo") && !clientMode)
{
    // The demo market is loaded at the dates of its history: the business clock stands at them meanwhile, while
    // Orleans' own loops (keyed time providers) keep real time.
    builder.Services.AddSingleton(new DemoClock(TimeProvider.System));
    builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
    builder.Services.AddKeyedSingleton(KeyedService.AnyKey, (_, _) => TimeProvider.System);
    builder.Services.AddSingleton<DemoMarket>();
}

// Embedded: the API co-hosts the single silo (SQLite by default). Client: the API joins a silo cluster.
if (clientMode)
{
    builder.UseOrleansClient(client => client.AddExchangeClient(configuration));
}
else
{
    // Calls from the API to the co-hosted silo give up like a client's (Exchange:Api:CallTimeout, 5 s).
    builder.UseOrleans(silo => silo.AddExchange(configuration).AddApiCallDeadline(configuration));
}
builder.Services.TryAddSingleton(TimeProvider.System);

// One log line per cause of an outage, for the API's own faults and (co-hosted) the silo's.
Exchange.Grains.Common.OutageLog.AddTo(builder.Services);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes);
builder.Services.Configure<JsonOptions>(o =>
{
    // Strict input: an unknown field, a missing required field, a null where none is allowed or a number sent as a
    // string ("amount": "10", which the web defaults would accept) is a 400.
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    o.SerializerOptions.RespectNullableAnnotations = true;
    o.SerializerOptions.RespectRequiredConstructorParameters = true;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
});

var auth = configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
builder.Services.AddSingleton(auth);
builder.Services.AddSingleton<DevTokenIssuer>();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    if (auth.DevTokensEnabled)
    {
        if (auth.DevSigningKey.Length < 32)
        {
            throw new InvalidOperationException("Auth:DevSigningKey must be at least 32 characters when no Auth:Authority is configured.");
        }
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = DevTokenIssuer.Issuer,
            ValidAudience = DevTokenIssuer.Audience,
            IssuerSigningKey = DevTokenIssuer.KeyFrom(auth.DevSigningKey),
            // RFC 8725 §3.1: accept only the algorithm the tokens are minted with.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }
    else
    {
        o.Authority = auth.Authority;
        o.Audience = auth.Audience;
        o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
    }
});
// Token lifetimes are judged by the same business clock that mints them (a fake one in tests).
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((o, clock) =>
{
    o.TimeProvider = clock;
    var skew = o.TokenValidationParameters.ClockSkew;
    o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value <= now + skew) && (expires is null || expires.Value > now - skew);
    };
});
builder.Services.AddAuthorization();

builder.Services.AddCommandRateLimiting(configuration);
builder.Services.AddExchangeOpenApi();
builder.Services.AddExchangeConsole(PlatformBootstrap.OperatorId,
    auth.DevTokensEnabled || auth.Console.ClientId is not { Length: > 0 } clientId
        ? null
        : new Exchange.WebConsole.OidcSignInOptions(auth.Authority!, clientId, auth.Console.ClientSecret, auth.Console.Scopes),
    auth.DevTokensEnabled);

var app = builder.Build();

app.UseExceptionHandler();
// Every request's grain calls share one budget (Exchange:Api:CallTimeout): a fault is answered 503 within it.
var requestBudget = ExchangeClientBuilderExtensions.ApiCallTimeout(configuration);
app.Use(async (context, next) =>
{
    using (CallDeadline.Begin(requestBudget))
    {
        await next(context);
    }
});
app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
app.UseSwagger();
app.UseSwaggerUI();
app.UseAuthentication();
app.UseCommandRateLimiting();
app.UseAuthorization();
app.UseExchangeConsole();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapParticipantsApi();
app.MapAccountsApi();
app.MapTransfersApi();
app.MapPatentsApi();
app.MapListingsApi();
app.MapPatentTransfersApi();
app.MapNavigationApi();
app.MapLicensesApi();
app.MapPledgesApi();
app.MapPoolsApi();
app.MapLedgerApi();
app.MapAuditApi();
app.MapListsApi();
if (auth.DevTokensEnabled)
{
    app.MapDevTokensApi();
}
app.MapExchangeConsole();

app.Lifetime.ApplicationStarted.Register(() => _ = StartedAsync());
app.Run();

async Task StartedAsync()
{
    var grains = app.Services.GetRequiredService<IGrainFactory>();
    try
    {
        await PlatformBootstrap.EnsureOperatorAsync(grains);
        Console.WriteLine($"Platform operator: {PlatformBootstrap.OperatorId}");
        if (app.Services.GetService<DemoMarket>() is { } demo)
        {
            Console.WriteLine("Loading the demo market (ten months of history)...");
            foreach (var p in await demo.LoadAsync())
            {
                Console.WriteLine($"Demo participant: {p.Id}  {p.Name} ({p.Roles})");
            }
            Console.WriteLine("Sign in as any of them (or as the platform operator) with POST /dev/tokens {\"participantId\": \"...\"}.");
        }
        else if (configuration.GetValue<bool>("Exchange:Demo"))
        {
            Console.WriteLine("Demo data is loaded by the embedded exchange only (it sets the business clock to the demo's history).");
        }
    }
    catch (Exception ex)
    {
        app.Logger.LogError(ex, "Bootstrapping the platform operator failed");
    }
    Console.WriteLine($"Exchange API listening on {string.Join(", ", app.Urls)} - Swagger UI at /swagger");
    Console.WriteLine($"Web console at {ConsoleSetup.Address(app.Urls.First())}");
}

/// <summary>The API's entry point; public for the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
