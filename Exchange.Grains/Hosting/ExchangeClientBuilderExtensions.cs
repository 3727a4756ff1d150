using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Exchange.Grains.Hosting;

public static class ExchangeClientBuilderExtensions
{
    /// <summary>Connects an Orleans client (the API in production mode) to the exchange's PostgreSQL-clustered silos.</summary>
    public static IClientBuilder AddExchangeClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = ExchangeOptions.From(configuration);
        client.Configure<ClusterOptions>(options.ApplyTo);
        if (options.Storage == StorageMode.PostgreSql)
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.PostgreSql;
            });
        }
        else
        {
            client.UseLocalhostClustering(options.GatewayPort);
        }
        return client;
    }
}
