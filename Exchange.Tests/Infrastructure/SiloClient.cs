using Exchange.Grains.Hosting;
using Exchange.Grains.Participants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Tests.Infrastructure;

/// <summary>An Orleans client of a silo process on PostgreSQL, configured as the API configures itself in production.</summary>
public static class SiloClient
{
    public static async Task<IHost> ConnectAsync(string connectionString, string clusterId, int gatewayPort)
    {
        // A silo restarted after a SIGKILL recovers its ledger and reminders before it answers; on two loaded cores
        // (browser journeys running beside it) that has taken more than a minute. Correctness is what the tests judge, not speed.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Exchange:Storage"] = "PostgreSql",
                ["Exchange:PostgreSql"] = connectionString,
                ["Exchange:ClusterId"] = clusterId,
                ["Exchange:ServiceId"] = clusterId,
                ["Exchange:GatewayPort"] = gatewayPort.ToString(),
            });
            // The same client configuration the API uses in production: gateways found through PostgreSQL membership,
            // calls given up after Exchange:Api:CallTimeout (5 s).
            builder.UseOrleansClient(client => client.AddExchangeClient(builder.Configuration));
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IParticipantGrain>(Guid.NewGuid()).TryGet();
                return host;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                host.Dispose();
                await Task.Delay(500);
            }
        }
    }
}
