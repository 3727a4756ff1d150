using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Exchange.Grains.Hosting;

public static class ExchangeClientBuilderExtensions
{
    /// <summary>Connects an Orleans client (the API in production mode) to the exchange's PostgreSQL-clustered silos.</summary>
    public static IClientBuilder AddExchangeClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = configuration.GetSection(ExchangeOptions.Section).Get<ExchangeOptions>() ?? new ExchangeOptions();
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
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
