using Microsoft.Extensions.Configuration;

namespace Exchange.Grains.Hosting;

/// <summary>The "Exchange" configuration section shared by the silo and the API.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    public StorageMode Storage { get; set; } = StorageMode.Sqlite;

    /// <summary>Folder of the embedded SQLite files.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Npgsql connection string, used in <see cref="StorageMode.PostgreSql"/>.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Group-commit loops writing the ledger on PostgreSQL; 0 writes each commit on its own.</summary>
    public int LedgerBatchWriters { get; set; } = 3;

    public string ClusterId { get; set; } = "exchange";

    public string ServiceId { get; set; } = "ip-exchange";

    /// <summary>The address other silos and clients reach this silo at (PostgreSQL clustering only).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public static ExchangeOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ExchangeOptions>() ?? new ExchangeOptions();

    public void ApplyTo(Orleans.Configuration.ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ServiceId;
    }
}
