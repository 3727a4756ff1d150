using System.Threading.Channels;
using Exchange.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Grains.Storage;

/// <summary>
/// Group commit for the ledger on PostgreSQL. Concurrent ledger commits from many account grains queue here;
/// a few writer loops each take whatever is queued (up to <see cref="MaxBatch"/>) and write it as one database
/// transaction in one round trip, so a thousand transfers in flight cost tens of commits, not thousands. Each
/// caller still waits until its own commit is durable. Under light load a batch holds one commit and behaves
/// exactly like the single path.
/// <para>
/// A batch is all or nothing. If any commit in it is a duplicate posting or finds its account fence moved (both
/// rare: they mean a retry or a second activation), the batch is rolled back and its commits are replayed one by
/// one through the single-commit path, which reports each outcome precisely.
/// </para>
/// </summary>
internal sealed class PostgreSqlBatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>
    /// The posting and its lines in one statement: the lines are inserted only if the posting was, so the
    /// statement's row count (lines written) is 0 for a duplicate posting. One text per line count, so each is
    /// prepared once.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> InsertPostingSql = new();

    private static string InsertPosting(int lines) => InsertPostingSql.GetOrAdd(lines, n =>
        "WITH p AS (INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (posting_id) DO NOTHING RETURNING posting_id) " +
        "INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) " +
        "SELECT p.posting_id, v.account_id, v.bucket, v.amount_fen FROM p CROSS JOIN (VALUES " +
        string.Join(", ", Enumerable.Range(0, n).Select(i => $"(${7 + i * 3}, ${8 + i * 3}::smallint, ${9 + i * 3}::bigint)")) +
        ") AS v (account_id, bucket, amount_fen)");
    private const string InsertFence =
        "INSERT INTO exchange_account_fences (account_id, version) VALUES ($1, 1) ON CONFLICT (account_id) DO NOTHING";
    private const string AdvanceFence =
        "UPDATE exchange_account_fences SET version = version + 1 WHERE account_id = $1 AND version = $2";
    private const string UpsertTransfer =
        "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (transfer_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at";
    private const string InsertAudit =
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (entry_id) DO NOTHING";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<LedgerCommit, CancellationToken, Task<CommitOutcome>> _commitOneByOne;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Task[] _writers;

    public PostgreSqlBatchWriter(NpgsqlDataSource dataSource, Func<LedgerCommit, CancellationToken, Task<CommitOutcome>> commitOneByOne, int writers)
    {
        _dataSource = dataSource;
        _commitOneByOne = commitOneByOne;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit)
    {
        var pending = new Pending(commit, new TaskCompletionSource<CommitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlBatchWriter), "The ledger writer is shutting down.");
        }
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                if (await TryWriteBatchAsync(batch))
                {
                    batch.ForEach(p => p.Completion.TrySetResult(CommitOutcome.Committed));
                }
                else
                {
                    await CommitOneByOneAsync(batch);
                }
            }
            catch (PostgresException)
            {
                // A statement failed inside the batch; find out which commit it was by going one at a time.
                await CommitOneByOneAsync(batch);
            }
            catch (Exception ex)
            {
                // Connection lost or similar: whether the batch committed is unknown, so every caller hears of the
                // failure and its grain reloads from the ledger before acting again.
                batch.ForEach(p => p.Completion.TrySetException(ex));
            }
        }
    }

    private async Task CommitOneByOneAsync(List<Pending> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                pending.Completion.TrySetResult(await _commitOneByOne(pending.Commit, CancellationToken.None));
            }
            catch (Exception ex)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    /// <summary>Writes the batch in one transaction; false (rolled back) if any commit was a duplicate or lost its fence.</summary>
    private async Task<bool> TryWriteBatchAsync(List<Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(connection, transaction);
        var guarded = new List<(NpgsqlBatchCommand Command, int ExpectedRows)>(batch.Count * 2);
        foreach (var (commit, _) in batch)
        {
            var posting = commit.Posting;
            var values = new List<object> { posting.PostingId, (short)posting.Kind, Uuid(posting.TransferId), posting.Memo, commit.Audit.ActorId, commit.At.ToUniversalTime() };
            foreach (var line in posting.Lines)
            {
                values.AddRange([line.AccountId, (short)line.Bucket, line.AmountFen]);
            }
            var insertPosting = Add(npgsqlBatch, InsertPosting(posting.Lines.Count), [.. values]);
            var fence = commit.Fence.ExpectedVersion == 0
                ? Add(npgsqlBatch, InsertFence, commit.Fence.AccountId)
                : Add(npgsqlBatch, AdvanceFence, commit.Fence.AccountId, commit.Fence.ExpectedVersion);
            guarded.Add((insertPosting, posting.Lines.Count));
            guarded.Add((fence, 1));
            if (commit.Transfer is { } t)
            {
                Add(npgsqlBatch, UpsertTransfer, t.TransferId, t.PayerAccount, t.PayeeAccount, t.AmountFen, (short)t.Mode, (short)t.Status,
                    t.RequestHash, t.RequestedBy, t.Memo, t.CreatedAt.ToUniversalTime(), t.UpdatedAt.ToUniversalTime(),
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)t.ControlledBy ?? DBNull.Value });
            }
            var a = commit.Audit;
            Add(npgsqlBatch, InsertAudit, a.EntryId, a.ObjectId, a.Action, a.ActorId, a.At.ToUniversalTime(), a.Details);
        }
        await npgsqlBatch.ExecuteNonQueryAsync();
        if (guarded.Any(g => g.Command.RecordsAffected != g.ExpectedRows))
        {
            await transaction.RollbackAsync();
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    private static NpgsqlParameter Uuid(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = value.HasValue ? value.Value : DBNull.Value };

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }
        batch.BatchCommands.Add(command);
        return command;
    }

    private sealed record Pending(LedgerCommit Commit, TaskCompletionSource<CommitOutcome> Completion);
}
