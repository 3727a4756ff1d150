using Npgsql;

namespace Exchange.Grains.Storage;

/// <summary>
/// The store's connection pools on PostgreSQL, each with the session settings its statements need. Settings live
/// in the pool's connection string rather than in SET commands, so they cost no round trip and cannot leak into
/// another pool's work.
/// </summary>
internal sealed class PostgreSqlSessions : IAsyncDisposable
{
    private PostgreSqlSessions(NpgsqlDataSource general, NpgsqlDataSource keyLookups, NpgsqlDataSource keyLookupsWithoutFlushWait)
    {
        General = general;
        KeyLookups = keyLookups;
        KeyLookupsWithoutFlushWait = keyLookupsWithoutFlushWait;
    }

    /// <summary>Everything else: reads, the single-commit path, schema.</summary>
    public NpgsqlDataSource General { get; }

    /// <summary>
    /// For statements that join an array of keys to a table by its primary key (the ledger's batch). Sequential
    /// scans are off: when a table's statistics were taken while it was small (a fresh database, or an ANALYZE just
    /// before a burst) the planner prefers scanning it, and keeps that plan until autovacuum next analyzes the table,
    /// up to a minute later. Measured on the idempotency lookups: 6 ms a batch instead of 0.07 ms at 50,000 records,
    /// which halved the API's throughput for that minute.
    /// </summary>
    public NpgsqlDataSource KeyLookups { get; }

    /// <summary>
    /// As <see cref="KeyLookups"/>, and commits do not wait for their WAL flush: only for the idempotency records,
    /// whose loss in a crash is harmless (see <see cref="SqlExchangeStore.SaveIdempotencyRecordAsync"/>).
    /// </summary>
    public NpgsqlDataSource KeyLookupsWithoutFlushWait { get; }

    /// <summary>
    /// Only key lookups: no sequential scans, and joins only as nested loops, whose inner side is then a lookup of
    /// the primary key per array element (with hash joins allowed, the planner scanned the whole index instead).
    /// One generic plan per statement, planned once per connection.
    /// </summary>
    private const string KeyLookupsOnly = "-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off -c plan_cache_mode=force_generic_plan";

    /// <param name="loops">Group-commit loops per pool: each holds one connection at a time, so the two batch pools
    /// are capped just above that instead of taking a general pool's share of the server's connections.</param>
    public static PostgreSqlSessions Create(NpgsqlConnectionStringBuilder connection, int loops = 3) => new(
        NpgsqlDataSource.Create(connection.ConnectionString),
        WithOptions(connection, KeyLookupsOnly, maxConnections: loops + 1),
        // Lookups and saves have a loop each.
        WithOptions(connection, $"{KeyLookupsOnly} -c synchronous_commit=off", maxConnections: 2 * loops + 1));

    public async ValueTask DisposeAsync()
    {
        await KeyLookupsWithoutFlushWait.DisposeAsync();
        await KeyLookups.DisposeAsync();
        await General.DisposeAsync();
    }

    private static NpgsqlDataSource WithOptions(NpgsqlConnectionStringBuilder connection, string options, int maxConnections)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { MaxPoolSize = maxConnections, MinPoolSize = 0 };
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? options : $"{builder.Options} {options}";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
