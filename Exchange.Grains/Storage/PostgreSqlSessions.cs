using Npgsql;

namespace Exchange.Grains.Storage;

/// <summary>
/// The store's connection pools on PostgreSQL, each with the session settings its statements need. Settings live
/// in the pool's connection string rather than in SET commands, so they cost no round trip and cannot leak into
/// another pool's work.
/// </summary>
internal sealed class PostgreSqlSessions : IAsyncDisposable
{
    private PostgreSqlSessions(NpgsqlDataSource general, NpgsqlDataSource ledgerBatches, NpgsqlDataSource idempotencyBatches)
    {
        General = general;
        LedgerBatches = ledgerBatches;
        IdempotencyBatches = idempotencyBatches;
    }

    /// <summary>Everything else: reads, the single-commit path, schema.</summary>
    public NpgsqlDataSource General { get; }

    /// <summary>For the ledger's batch statement, which finds rows by key from arrays of keys (<see cref="KeyLookupsOnly"/>).</summary>
    public NpgsqlDataSource LedgerBatches { get; }

    /// <summary>
    /// For the idempotency records' batched lookups and inserts; the same settings, its own connections. Their commits
    /// wait for the WAL flush like every other: an acknowledged command's record must survive a database crash, or a
    /// retry of a command without derived ids could be answered differently (measured: about 10% of the API's
    /// throughput, 3,559–3,775/s instead of 4,090–4,169/s).
    /// </summary>
    public NpgsqlDataSource IdempotencyBatches { get; }

    /// <summary>
    /// Only key lookups: no sequential scans, and joins only as nested loops, whose inner side is then a lookup of
    /// the primary key per array element. When a table's statistics were taken while it was empty (a fresh database,
    /// or an ANALYZE just before a burst) the planner otherwise scans the table or its whole index for every batch,
    /// and keeps that plan until autovacuum next analyzes the table, up to a minute later: measured on the
    /// idempotency lookups, 6 ms a batch instead of 0.07 ms at 50,000 records, halving the API's throughput.
    /// One generic plan per statement, planned once per connection.
    /// </summary>
    private const string KeyLookupsOnly = "-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off -c plan_cache_mode=force_generic_plan";

    /// <param name="loops">Group-commit loops per pool: each holds one connection at a time, so the two batch pools
    /// are capped just above that instead of taking a general pool's share of the server's connections.</param>
    public static PostgreSqlSessions Create(NpgsqlConnectionStringBuilder connection, int loops = 3) => new(
        NpgsqlDataSource.Create(connection.ConnectionString),
        WithOptions(connection, KeyLookupsOnly, maxConnections: loops + 1),
        // Lookups and saves have their own loops.
        WithOptions(connection, KeyLookupsOnly, maxConnections: 2 * loops + 1));

    public async ValueTask DisposeAsync()
    {
        await IdempotencyBatches.DisposeAsync();
        await LedgerBatches.DisposeAsync();
        await General.DisposeAsync();
    }

    private static NpgsqlDataSource WithOptions(NpgsqlConnectionStringBuilder connection, string options, int maxConnections)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { MaxPoolSize = maxConnections, MinPoolSize = 0 };
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? options : $"{builder.Options} {options}";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
