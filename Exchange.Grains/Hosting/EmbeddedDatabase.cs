using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Exchange.Grains.Hosting;

/// <summary>
/// The embedded default's one SQLite file, <c>exchange.db</c>: Orleans' grain state (through the AdoNet provider)
/// and the exchange's ledger, audit, idempotency and projection tables, so one transaction can hold any of them and
/// a backup is one file. Both schemas are applied at every start; the scripts are idempotent.
/// </summary>
public sealed class EmbeddedDatabase
{
    /// <summary>The invariant Orleans' AdoNet provider knows SQLite by; it loads Microsoft.Data.Sqlite for it (verified on 10.4.2).</summary>
    public const string OrleansInvariant = "System.Data.SQLite";

    public const string FileName = "exchange.db";

    private EmbeddedDatabase(SqliteFile file, SqlExchangeStore store)
    {
        File = file;
        Store = store;
    }

    /// <summary>The file, shared by Orleans' grain storage and <see cref="Store"/>: one connection at a time.</summary>
    public SqliteFile File { get; }

    public SqlExchangeStore Store { get; }

    public static EmbeddedDatabase Prepare(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, FileName));
        MergeTwoFileLayout(directory, path);
        var file = new SqliteFile(path);
        using (var connection = file.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            // WAL is a property of the file, set once; it lets readers run beside the writer.
            command.CommandText = "PRAGMA journal_mode=WAL;" + SqlDialect.ReadResource("orleans-persistence-sqlite.sql");
            command.ExecuteNonQuery();
        }
        var store = new SqlExchangeStore(file, SqlDialect.Sqlite);
        store.EnsureSchemaAsync().GetAwaiter().GetResult();
        return new EmbeddedDatabase(file, store);
    }

    /// <summary>
    /// Before one file held everything, grain state lived in grain-state.db and the exchange's tables in ledger.db.
    /// The ledger file becomes the one file and the grain state rows are copied into it; the old files are kept,
    /// renamed, until the operator removes them.
    /// </summary>
    private static void MergeTwoFileLayout(string directory, string path)
    {
        var ledger = Path.Combine(directory, "ledger.db");
        var grainState = Path.Combine(directory, "grain-state.db");
        if (System.IO.File.Exists(path) || !System.IO.File.Exists(ledger))
        {
            return;
        }
        foreach (var old in new[] { ledger, grainState }.Where(System.IO.File.Exists))
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = old, Pooling = false }.ConnectionString);
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        System.IO.File.Copy(ledger, path);
        if (System.IO.File.Exists(grainState))
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
            connection.Open();
            using var merge = connection.CreateCommand();
            merge.CommandText = SqlDialect.ReadResource("orleans-persistence-sqlite.sql") +
                "ATTACH DATABASE @old AS old; INSERT OR IGNORE INTO OrleansStorage SELECT * FROM old.OrleansStorage; DETACH DATABASE old;";
            merge.Parameters.AddWithValue("@old", grainState);
            merge.ExecuteNonQuery();
        }
        foreach (var old in new[] { ledger, grainState }.Where(System.IO.File.Exists))
        {
            System.IO.File.Move(old, old + ".merged-into-" + FileName);
            foreach (var side in new[] { "-wal", "-shm" }.Select(s => old + s).Where(System.IO.File.Exists))
            {
                System.IO.File.Delete(side);
            }
        }
    }
}
