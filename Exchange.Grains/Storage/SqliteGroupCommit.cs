using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Pending = Exchange.Grains.Storage.MicroBatcher<Exchange.Grains.Storage.SqliteGroupCommit.Work, object?>.Pending;

namespace Exchange.Grains.Storage;

/// <summary>
/// Group commit for the embedded SQLite file, as PostgreSqlBatchWriter does for PostgreSQL. Ledger commits and the
/// Idempotency-Key lookups and saves around them queue here; one writer loop (SQLite has one writer) takes whatever
/// is queued and runs it as one transaction, so a burst of commands costs one fsync instead of one each. Each
/// caller learns its outcome only after that transaction is durable.
/// <para>
/// Each ledger commit runs inside a savepoint: one that is refused (a repeat, a lost fence, a reused key) rolls back
/// only itself, and its outcome is exact without replaying the batch. The loop keeps one connection open for its
/// whole life, holding the file's gate only while it writes, so that its statements are prepared once.
/// </para>
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly SqliteFile _file;
    private readonly MicroBatcher<Work, object?> _batcher;
    private SqliteConnection? _connection;
    private SqlStatements? _statements;
    private SqlLedgerCommitter? _committer;

    public SqliteGroupCommit(SqliteFile file)
    {
        _file = file;
        _batcher = new MicroBatcher<Work, object?>(WriteAsync, loops: 1, MaxBatch);
    }

    public async Task<CommitOutcome> CommitAsync(LedgerCommit commit) => (CommitOutcome)(await _batcher.EnqueueAsync(new Work.Commit(commit)))!;

    public async Task<IdempotencyRecord?> FindAsync(string scope, string key) => (IdempotencyRecord?)await _batcher.EnqueueAsync(new Work.Find(scope, key));

    public async Task<IdempotencySave> SaveAsync(IdempotencyRecord record) => (IdempotencySave)(await _batcher.EnqueueAsync(new Work.Save(record)))!;

    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync();
        _connection?.Dispose();
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        var results = new object?[batch.Count];
        var failures = new Exception?[batch.Count];
        using (await _file.EnterAsync())
        {
            _connection ??= _file.OpenUngated();
            _statements ??= new SqlStatements(_connection);
            _committer ??= new SqlLedgerCommitter(_statements);
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    results[i] = await RunAsync(batch[i].Item, transaction);
                }
                catch (Exception ex) when (InTransaction)
                {
                    // A statement failed but the transaction stands: the work rolled back to its savepoint; only it fails.
                    failures[i] = ex;
                }
            }
            // If anything broke the transaction itself (a full disk, an I/O error), this throws and the batcher fails
            // every caller: none of them is acknowledged, and each account grain reloads before its next command.
            transaction.Commit();
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Completion.TrySetException(failure);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
    }

    private async Task<object?> RunAsync(Work work, SqliteTransaction transaction)
    {
        switch (work)
        {
            case Work.Commit commit:
                // Savepoints through prepared statements: SqliteTransaction.Save would prepare a new command each time.
                await _statements!.ExecuteAsync(transaction, "SAVEPOINT ledger_commit", CancellationToken.None);
                CommitOutcome outcome;
                try
                {
                    outcome = await _committer!.CommitAsync(transaction, commit.LedgerCommit, BalanceDelta.FencedShard, CancellationToken.None);
                }
                catch when (InTransaction)
                {
                    await _statements.ExecuteAsync(transaction, "ROLLBACK TO ledger_commit", CancellationToken.None);
                    await _statements.ExecuteAsync(transaction, "RELEASE ledger_commit", CancellationToken.None);
                    throw;
                }
                if (outcome != CommitOutcome.Committed)
                {
                    await _statements.ExecuteAsync(transaction, "ROLLBACK TO ledger_commit", CancellationToken.None);
                }
                await _statements.ExecuteAsync(transaction, "RELEASE ledger_commit", CancellationToken.None);
                return outcome;
            case Work.Find find:
                return await SqlIdempotency.FindAsync(_statements!, transaction, find.Scope, find.Key, CancellationToken.None);
            case Work.Save save:
                return await SqlIdempotency.SaveAsync(_statements!, transaction, save.Record, CancellationToken.None);
            default:
                throw new ArgumentOutOfRangeException(nameof(work), work, "Unknown kind of work.");
        }
    }

    /// <summary>
    /// Whether the batch's transaction still stands. SQLite rolls a whole transaction back by itself on some errors
    /// (a full disk, an I/O error); after that, nothing of the batch may be reported as written.
    /// </summary>
    private bool InTransaction => _connection is not null && raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    /// <summary>What the writer loop can be asked to do.</summary>
    internal abstract record Work
    {
        public sealed record Commit(LedgerCommit LedgerCommit) : Work;

        public sealed record Find(string Scope, string Key) : Work;

        public sealed record Save(IdempotencyRecord Record) : Work;
    }
}
