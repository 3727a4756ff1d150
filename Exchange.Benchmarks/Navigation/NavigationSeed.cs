using System.Diagnostics;
using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Listings;
using Exchange.Grains.Patents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Benchmarks.Navigation;

/// <summary>
/// Loads a market into a running exchange as an Orleans client of its cluster: patents registered, and of them
/// the listed ones granted, mandated and listed by an agency. Everything goes through the grains, as in production.
/// </summary>
public static class NavigationSeed
{
    public static async Task RunAsync(string connectionString, string clusterId, int patents, int listings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:Storage"] = "PostgreSql",
            ["Exchange:PostgreSql"] = connectionString,
            ["Exchange:ClusterId"] = clusterId,
            ["Exchange:ServiceId"] = clusterId,
        });
        builder.UseOrleansClient(client => client.AddExchangeClient(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var clock = Stopwatch.StartNew();
        var (owners, agencies) = await NavigationData.ParticipantsAsync(grains, 200, 20);
        var year = DateTime.UtcNow.Year - 3;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 48 };
        await Parallel.ForAsync(0, patents, parallel, async (i, _) =>
            await grains.GetGrain<IPatentGrain>(NavigationData.Number(i, year)).Register(NavigationData.Patent(i, year, owners[i % owners.Length]), Actor.System));
        Console.WriteLine($"{patents} patents registered in {clock.Elapsed.TotalSeconds:F0} s");

        clock.Restart();
        var step = Math.Max(1, patents / listings);
        await Parallel.ForAsync(0, listings, parallel, async (k, _) =>
        {
            var i = k * step;
            var owner = owners[i % owners.Length];
            var agency = agencies[k % agencies.Length];
            var patent = grains.GetGrain<IPatentGrain>(NavigationData.Number(i, year));
            await patent.Grant(today, Actor.System);
            await patent.GrantMandate(owner, agency, today.AddYears(1), new Actor(owner, "Owner"));
            await grains.GetGrain<IListingGrain>(DeterministicId.From("bench-listing", i.ToString())).Create(
                NavigationData.Listing(k, NavigationData.Number(i, year), today), new Actor(agency, "Agency"));
        });
        Console.WriteLine($"{listings} patents granted, mandated and listed in {clock.Elapsed.TotalSeconds:F0} s");
        await host.StopAsync();
    }
}
