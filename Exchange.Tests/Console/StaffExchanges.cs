using System.Net;
using Exchange.Api.Demo;
using Exchange.Api.Licenses;
using Exchange.Api.Listings;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Exchange.Tests.Console;

/// <summary>
/// The two exchanges the staff's and licensees' journeys need beside the console tests' own: the embedded default
/// (SQLite) with the demo market, and one whose business clock is moved a hundred days on after a licence was signed,
/// so that its first royalty period has ended and its record filing is overdue (a licence never starts in the past).
/// </summary>
public class StaffExchanges : IAsyncLifetime
{
    /// <summary>Whether the moved-clock exchange is started too (journeys on the demo alone skip its cost).</summary>
    protected virtual bool WithMovedClock => true;

    public static readonly TimeSpan ClockMove = TimeSpan.FromDays(100);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "exchange-console-demo-" + Guid.NewGuid().ToString("N"));

    public ConsoleServer Demo { get; private set; } = null!;

    public IReadOnlyList<DemoMarket.DemoParticipant> DemoParticipants { get; private set; } = [];

    public MovedClockServer Moved { get; private set; } = null!;

    /// <summary>On <see cref="Moved"/>: a licensee's ordinary licence signed a hundred business days ago, nothing reported, not filed.</summary>
    public (Guid Licensee, Guid LicenseId, string Number) SignedLicense { get; private set; }

    public async Task InitializeAsync()
    {
        // The embedded default as scripts/run.sh --demo starts it: one SQLite file, the demo market.
        Demo = new ConsoleServer(new Dictionary<string, string>
        {
            ["Exchange:Storage"] = "Sqlite",
            ["Exchange:DataDirectory"] = _dataDirectory,
            ["Exchange:Demo"] = "true",
            // Loading the demo's months of history makes thousands of calls while the other journeys run on the same two
            // cores; the 5 s budget meant for a user's request cut one of them off under that load.
            ["Exchange:Api:CallTimeout"] = "00:00:30",
        });
        if (!WithMovedClock)
        {
            await Demo.InitializeAsync();
            DemoParticipants = await Demo.Services.GetRequiredService<DemoMarket>().LoadAsync();
            return;
        }
        Moved = new MovedClockServer();
        await Task.WhenAll(Demo.InitializeAsync(), Moved.InitializeAsync());
        DemoParticipants = await Demo.Services.GetRequiredService<DemoMarket>().LoadAsync();
        SignedLicense = await SignLicenseAsync(Moved);
        Moved.Clock.Move(ClockMove);
    }

    public Guid DemoParticipant(string namePrefix) => DemoParticipants.Single(p => p.Name.StartsWith(namePrefix, StringComparison.Ordinal)).Id;

    /// <summary>A listed patent, a licence offer on the listing's terms accepted by the agency, and the licence executed by its licensee today.</summary>
    public static async Task<(Guid Licensee, Guid LicenseId, string Number)> SignLicenseAsync(ApiFactoryBase api)
    {
        var (_, agency, number, listingId) = await Api.ListingsApiTests.ListedPatentAsync(api, "H10K 30/57");
        var licensee = await api.RegisterAsync("Licensee");
        await api.DepositAsync(licensee, 100_000m);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var licenseeClient = await api.ClientForAsync(licensee);
        using var agencyClient = await api.ClientForAsync(agency);
        var offer = await (await licenseeClient.PostCommandAsync($"/api/listings/{listingId}/offers",
            new { kind = "license", licenseTerms = Api.ListingsApiTests.OrdinaryTerms, expiresOn = today.AddDays(14) }, api.NewKey())).ReadAsync<OfferResponse>();
        (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, api.NewKey())).EnsureSuccessStatusCode();
        var created = await licenseeClient.PostCommandAsync("/api/licenses", new { listingId, offerId = offer.OfferId, start = today }, api.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (licensee, (await created.ReadAsync<LicenseResponse>()).LicenseId, number);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(StopAsync(Demo), WithMovedClock ? StopAsync(Moved) : Task.CompletedTask);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file a moment after the host stopped; the temporary folder is the system's to clear.
        }
    }

    /// <summary>
    /// Stops a server; one whose shutdown outlasts the host's timeout on a loaded machine (its silo still deactivating
    /// grains) is abandoned, as the process ends anyway: the journeys' results are already in.
    /// </summary>
    private static async Task StopAsync(ApiFactoryBase server)
    {
        try
        {
            await server.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting for its own shutdown (see above).
        }
    }

    /// <summary>An exchange in memory whose business clock runs at real speed from a moved point (Orleans' own loops keep real time).</summary>
    public sealed class MovedClockServer : ApiFactoryBase
    {
        public MovedClockServer()
        {
            Port = FreePort.Next();
            UseKestrel(Port);
            StartServer();
        }

        public int Port { get; }

        public string BaseUrl => $"http://localhost:{Port}";

        public MovedClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            });
        }
    }

    /// <summary>Real time plus an offset: unlike a fake clock it keeps running, as the browser's circuit and the tokens expect.</summary>
    public sealed class MovedClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public void Move(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}

/// <summary>The demo market on the embedded default alone, for journeys that need nothing else.</summary>
public sealed class DemoExchange : StaffExchanges
{
    protected override bool WithMovedClock => false;
}
