using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Exchange.Grains.Hosting;

/// <summary>
/// The embedded default's two SQLite files: Orleans' grain state (through the AdoNet provider) and the ledger.
/// Both schemas are applied at every start; the scripts are idempotent.
/// </summary>
public sealed class EmbeddedDatabase
{
    /// <summary>The invariant Orleans' AdoNet provider knows SQLite by; it loads Microsoft.Data.Sqlite for it (verified on 10.4.2).</summary>
    public const string OrleansInvariant = "System.Data.SQLite";

    private EmbeddedDatabase(string grainStateConnectionString, SqlExchangeStore ledgerStore)
    {
        GrainStateConnectionString = grainStateConnectionString;
        LedgerStore = ledgerStore;
    }

    public string GrainStateConnectionString { get; }

    public SqlExchangeStore LedgerStore { get; }

    public static EmbeddedDatabase Prepare(string directory)
    {
        Directory.CreateDirectory(directory);
        var grainStatePath = Path.GetFullPath(Path.Combine(directory, "grain-state.db"));
        var grainState = new SqliteConnectionStringBuilder { DataSource = grainStatePath, Pooling = true }.ConnectionString;
        using (var connection = new SqliteConnection(grainState))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;" + SqlDialect.ReadResource("orleans-persistence-sqlite.sql");
            command.ExecuteNonQuery();
        }

        var ledger = new SqlExchangeStore(SqlDialect.CreateSqliteDataSource(Path.GetFullPath(Path.Combine(directory, "ledger.db"))), SqlDialect.Sqlite);
        ledger.EnsureSchemaAsync().GetAwaiter().GetResult();
        return new EmbeddedDatabase(grainState, ledger);
    }
}
