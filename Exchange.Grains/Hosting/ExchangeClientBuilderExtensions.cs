using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Exchange.Grains.Hosting;

public static class ExchangeClientBuilderExtensions
{
    /// <summary>
    /// Connects an Orleans client (the API in production mode) to the exchange's PostgreSQL-clustered silos. A call
    /// gives up after <see cref="ApiCallTimeout"/> rather than Orleans' default 30 s.
    /// </summary>
    public static IClientBuilder AddExchangeClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = ExchangeOptions.From(configuration);
        client.Configure<ClusterOptions>(options.ApplyTo);
        var timeout = ApiCallTimeout(configuration);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
        client.AddOutgoingGrainCallFilter(new CallDeadlineFilter(timeout));
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

    /// <summary>
    /// For the silo co-hosted with the API (the embedded mode): the API's calls give up after <see cref="ApiCallTimeout"/>
    /// as a client's do. Grain-to-grain calls keep Orleans' response timeout (30 s): the follow-ups' calls give up after
    /// <c>Exchange:FollowUps:CallTimeout</c> (2 s) of their own, and a command's direct call to another grain is bounded
    /// by the API's deadline as far as the client is concerned.
    /// </summary>
    public static ISiloBuilder AddApiCallDeadline(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddOutgoingGrainCallFilter(new CallDeadlineFilter(ApiCallTimeout(configuration)));

    public const string CallTimeoutSetting = "Exchange:Api:CallTimeout";

    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the API waits for a grain's answer (<c>Exchange:Api:CallTimeout</c>, 5 s by default), enforced to the
    /// moment by <see cref="CallDeadlineFilter"/> with Orleans' client response timeout as the backstop: a request in
    /// flight to a silo that died answers 503 within it, instead of 500 after Orleans' default 30 s. Commands on a
    /// healthy cluster answer in milliseconds, and follow-up calls between grains give up after 2 s of their own
    /// (<c>Exchange:FollowUps:CallTimeout</c>), so a command waiting longer than this is meeting a fault.
    /// </summary>
    public static TimeSpan ApiCallTimeout(IConfiguration configuration) =>
        configuration.GetValue(CallTimeoutSetting, DefaultCallTimeout) is var t && t > TimeSpan.Zero ? t : DefaultCallTimeout;
}
