using Exchange.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Benchmarks.Licenses;

/// <summary>An in-process silo of the exchange on a business clock the benchmark moves forward (a quarter, a due date), for the royalty and pledge benchmarks.</summary>
public static class ShiftableSilo
{
    public static async Task<IHost> StartAsync(ShiftableClock clock, string storage, string? connectionString, string clusterPrefix, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:Storage"] = storage,
            ["Exchange:PostgreSql"] = connectionString,
            ["Exchange:ClusterId"] = clusterPrefix + "-" + Guid.NewGuid().ToString("N")[..8],
            ["Exchange:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Exchange:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
