using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Exchange.Grains.Storage;

/// <summary>
/// The embedded default's one SQLite file, shared by Orleans' grain storage and the exchange's own tables, so that
/// one transaction can hold grain state, ledger, audit and projections and a backup is one file.
/// <para>
/// Every connection it hands out holds the file's gate from open to close: one connection at a time in this
/// process. Microsoft.Data.Sqlite's async calls run synchronously and sleep-retry on a locked file, which stalls the
/// thread pool when several connections contend (orleans-notes.md); waiting on an async gate instead costs nothing.
/// The gate is not reentrant: code holding a connection must not open a second one.
/// </para>
/// </summary>
public sealed class SqliteFile : DbDataSource
{
    /// <summary>
    /// synchronous=FULL keeps every acknowledged commit across a power cut; busy_timeout covers another process
    /// (a backup, the sqlite3 shell) holding the file for a moment.
    /// </summary>
    private const string ConnectionPragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=OFF;";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, Mode = SqliteOpenMode.ReadWriteCreate }.ConnectionString;
    }

    public string Path { get; }

    public override string ConnectionString { get; }

    protected override DbConnection CreateDbConnection() => new GatedConnection(ConnectionString, _gate);

    /// <summary>
    /// Waits for the file's gate and holds it until disposed, for a connection of one's own that stays open between
    /// uses (<see cref="OpenUngated"/>): the group-commit writer keeps its prepared statements that way.
    /// </summary>
    internal async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return new GateLease(_gate);
    }

    /// <summary>
    /// A connection with the file's pragmas that does not take the gate: whoever holds it must hold the gate
    /// (<see cref="EnterAsync"/>) whenever it uses it. Tuned for the group-commit writer, measured on its batches:
    /// a 64 MB page cache (ids are hashes, so a batch touches index pages all over the ledger's tables, and with the
    /// default 2 MB they were read back from the file every time: 214 → 155 µs of CPU per commit); savepoint journals
    /// in memory (each commit's savepoint copied every page it touched to a temporary file first: 17.4 → 8.8 write
    /// calls per commit); and a checkpoint every 10,000 WAL pages rather than 1,000, so that pages written by many
    /// batches are copied into the file once.
    /// </summary>
    internal SqliteConnection OpenUngated()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = ConnectionPragmas + " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class GateLease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// A <see cref="SqliteConnection"/> (Orleans checks that the data source's connections are of the invariant's
    /// type) that takes the gate when it opens and gives it back when it closes.
    /// </summary>
    private sealed class GatedConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
    {
        private bool _holdsGate;

        public override void Open()
        {
            gate.Wait();
            OpenHoldingGate();
        }

        public override async Task OpenAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            OpenHoldingGate();
        }

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                ReleaseGate();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                ReleaseGate();
            }
        }

        private void OpenHoldingGate()
        {
            _holdsGate = true;
            try
            {
                base.Open();
                using var pragmas = CreateCommand();
                pragmas.CommandText = ConnectionPragmas;
                pragmas.ExecuteNonQuery();
            }
            catch
            {
                ReleaseGate();
                throw;
            }
        }

        private void ReleaseGate()
        {
            if (_holdsGate)
            {
                _holdsGate = false;
                gate.Release();
            }
        }
    }
}
