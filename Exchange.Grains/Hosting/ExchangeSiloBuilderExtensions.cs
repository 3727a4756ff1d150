using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;

namespace Exchange.Grains.Hosting;

public static class ExchangeSiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo of the exchange for the storage mode in <paramref name="configuration"/>: clustering,
    /// grain storage, reminders, the ledger store and the transfer recovery sweep.
    /// </summary>
    public static ISiloBuilder AddExchange(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ExchangeOptions.From(configuration);
        silo.Configure<ClusterOptions>(options.ApplyTo);
        silo.AddExchangeServices(configuration);

        switch (options.Storage)
        {
            case StorageMode.Memory:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.AddMemoryGrainStorage(StateNames.StorageProvider);
                silo.UseInMemoryReminderService();
                silo.Services.AddExchangeStore(new InMemoryExchangeStore());
                break;

            case StorageMode.Sqlite:
                var database = EmbeddedDatabase.Prepare(options.DataDirectory);
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.AddAdoNetGrainStorage(StateNames.StorageProvider, o =>
                {
                    o.Invariant = EmbeddedDatabase.OrleansInvariant;
                    // The same gated file the exchange's tables use: one writer at a time, one file to back up.
                    o.DataSource = database.File;
                });
                // SQLite has no Orleans reminder provider; what reminders drive is re-armed from durable state at start.
                silo.UseInMemoryReminderService();
                silo.Services.AddHostedService<ReminderRearmService>();
                silo.Services.AddExchangeStore(database.Store);
                break;

            case StorageMode.PostgreSql:
                var connectionString = options.PostgreSql
                    ?? throw new InvalidOperationException("Exchange:Storage is PostgreSql but Exchange:PostgreSql (the connection string) is not set.");
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(StateNames.StorageProvider, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                // Advertise the configured address (loopback by default): a cluster spanning hosts sets its own.
                silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
                silo.Services.AddExchangeStore(_ => CreatePostgreSqlStore(connectionString, options.LedgerBatchWriters));
                break;

            default:
                throw new InvalidOperationException($"Unknown storage mode {options.Storage}.");
        }
        // Grain state faults of the infrastructure leave the storage as the exchange's own exception.
        silo.Services.AddGrainStorageBoundary(StateNames.StorageProvider);
        return silo;
    }

    /// <summary>
    /// What every silo of the exchange runs whatever its storage: the business clock, the grain storage serializer,
    /// the follow-up mechanism and its sweep, the event subscriptions, the transfer recovery sweep. The store and
    /// grain storage are the caller's. <paramref name="runSweeps"/> false leaves the background sweeps to a test
    /// that runs them by hand.
    /// </summary>
    public static ISiloBuilder AddExchangeServices(this ISiloBuilder silo, IConfiguration configuration, bool runSweeps = true)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Added, not tried: it must win over Orleans' own registration of this key (MembershipClock says why).
        silo.Services.AddKeyedSingleton<TimeProvider>(MembershipClock.OrleansKey, (_, _) => new MembershipClock());
        // Plain JSON of the state classes, without type names: a class may be renamed or moved (orleans-notes.md).
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<TransferRecoveryOptions>(configuration.GetSection("Exchange:Recovery"));
        silo.Services.AddSingleton(new FollowUpHooks(configuration));
        silo.Services.AddSingleton<FollowUpServices>();
        silo.Services.Configure<FollowUpOptions>(configuration.GetSection("Exchange:FollowUps"));
        silo.Services.Configure<Pools.PoolTradingOptions>(configuration.GetSection("Exchange:Pools"));
        silo.Services.AddSingleton<FollowUpSweepService>();
        if (runSweeps)
        {
            silo.Services.AddHostedService<TransferRecoveryService>();
            silo.Services.AddHostedService(sp => sp.GetRequiredService<FollowUpSweepService>());
            silo.Services.AddIdempotencyExpiry(configuration);
        }
        // Nothing Orleans cannot serialize leaves a grain call; each outage is logged once per cause.
        OutageLog.AddTo(silo.Services);
        silo.AddIncomingGrainCallFilter<GrainBoundaryFilter>();
        // Domain events leave from their objects' outboxes (durable, in order per object); no stream provider.
        silo.Services.AddSingleton<IEventPublisher, EventPublisher>();
        silo.Services.AddSingleton<IEventSubscription, MarketDataSubscription>();
        return silo;
    }

    /// <summary>
    /// The ledger store on PostgreSQL. Statements are prepared automatically and connections are not reset on
    /// return to the pool (the store sets no session state), which roughly halves the server's work per commit;
    /// <paramref name="batchWriters"/> group-commit loops share the ledger writes (0 turns group commit off).
    /// </summary>
    public static SqlExchangeStore CreatePostgreSqlStore(string connectionString, int batchWriters = 3)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        builder.NoResetOnClose = true;
        var store = new SqlExchangeStore(PostgreSqlSessions.Create(builder, Math.Max(batchWriters, 1)), batchWriters);
        store.EnsureSchemaAsync().GetAwaiter().GetResult();
        return store;
    }
}
