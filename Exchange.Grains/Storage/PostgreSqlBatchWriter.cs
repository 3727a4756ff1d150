using Exchange.Grains.Audit;
using Exchange.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;
using Pending = Exchange.Grains.Storage.MicroBatcher<Exchange.Grains.Ledger.LedgerCommit, Exchange.Grains.Ledger.CommitOutcome>.Pending;

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

    // Each statement writes one kind of row for the whole batch from array parameters, so a batch of any size is
    // six statements: PostgreSQL plans and executes each once, and Npgsql encodes a handful of arrays instead of
    // a command per row. Counting the rows each statement touched tells whether every commit in the batch applied.
    private const string InsertPostings =
        "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) " +
        "SELECT * FROM unnest($1::text[], $2::smallint[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[]) " +
        "ON CONFLICT (posting_id) DO NOTHING";
    private const string InsertLines =
        "INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) " +
        "SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::bigint[])";
    private const string InsertFences =
        "INSERT INTO exchange_account_fences (account_id, version) SELECT a, 1 FROM unnest($1::text[]) AS a " +
        "ON CONFLICT (account_id) DO NOTHING";
    // An account named twice in one batch matches one row once, so the count comes up short and the batch is
    // replayed one by one, where the second commit finds the fence moved.
    private const string AdvanceFences =
        "UPDATE exchange_account_fences f SET version = f.version + 1 " +
        "FROM unnest($1::text[], $2::bigint[]) AS u (account_id, expected) " +
        "WHERE f.account_id = u.account_id AND f.version = u.expected";
    private const string UpsertTransfers =
        "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
        "SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::smallint[], $6::smallint[], $7::text[], $8::uuid[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[]) " +
        "ON CONFLICT (transfer_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at";
    private const string InsertAudits =
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) " +
        "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[]) " +
        "ON CONFLICT (entry_id) DO NOTHING";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<LedgerCommit, CancellationToken, Task<CommitOutcome>> _commitOneByOne;
    private readonly MicroBatcher<LedgerCommit, CommitOutcome> _batcher;

    public PostgreSqlBatchWriter(NpgsqlDataSource dataSource, Func<LedgerCommit, CancellationToken, Task<CommitOutcome>> commitOneByOne, int writers)
    {
        _dataSource = dataSource;
        _commitOneByOne = commitOneByOne;
        _batcher = new MicroBatcher<LedgerCommit, CommitOutcome>(WriteAsync, writers, MaxBatch);
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit) => _batcher.EnqueueAsync(commit);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            if (await TryWriteBatchAsync(batch))
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult(CommitOutcome.Committed);
                }
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
        // Anything else (connection lost or similar) leaves it unknown whether the batch committed: the batcher
        // fails every caller, and each grain reloads from the ledger before acting again.
    }

    private async Task CommitOneByOneAsync(IReadOnlyList<Pending> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                pending.Completion.TrySetResult(await _commitOneByOne(pending.Item, CancellationToken.None));
            }
            catch (Exception ex)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    /// <summary>Writes the batch in one transaction; false (rolled back) if any commit was a duplicate or lost its fence.</summary>
    private async Task<bool> TryWriteBatchAsync(IReadOnlyList<Pending> batch)
    {
        var rows = BatchRows.From(batch);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(connection, transaction);
        // The fence update joins an array to the fences by key; see PostgreSqlIdempotencyBatcher.KeyLookupsOnly.
        Add(npgsqlBatch, PostgreSqlIdempotencyBatcher.KeyLookupsOnly);
        var guarded = new List<(NpgsqlBatchCommand Command, int ExpectedRows)>(4)
        {
            (Add(npgsqlBatch, InsertPostings, rows.PostingIds, rows.PostingKinds, rows.PostingTransferIds, rows.PostingMemos, rows.PostingActors, rows.PostingTimes), batch.Count),
        };
        Add(npgsqlBatch, InsertLines, rows.LinePostingIds.ToArray(), rows.LineAccounts.ToArray(), rows.LineBuckets.ToArray(), rows.LineAmounts.ToArray());
        if (rows.NewFences.Count > 0)
        {
            guarded.Add((Add(npgsqlBatch, InsertFences, rows.NewFences.ToArray()), rows.NewFences.Count));
        }
        if (rows.AdvancedFences.Count > 0)
        {
            guarded.Add((Add(npgsqlBatch, AdvanceFences, rows.AdvancedFences.ToArray(), rows.AdvancedFromVersions.ToArray()), rows.AdvancedFences.Count));
        }
        if (rows.Transfers.Count > 0)
        {
            var t = rows.Transfers;
            Add(npgsqlBatch, UpsertTransfers,
                t.Select(x => x.TransferId).ToArray(), t.Select(x => x.PayerAccount).ToArray(), t.Select(x => x.PayeeAccount).ToArray(),
                t.Select(x => x.AmountFen).ToArray(), t.Select(x => (short)x.Mode).ToArray(), t.Select(x => (short)x.Status).ToArray(),
                t.Select(x => x.RequestHash).ToArray(), t.Select(x => x.RequestedBy).ToArray(), t.Select(x => x.Memo).ToArray(),
                t.Select(x => x.CreatedAt.UtcDateTime).ToArray(), t.Select(x => x.UpdatedAt.UtcDateTime).ToArray(),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = t.Select(x => x.ControlledBy).ToArray() });
        }
        var audits = batch.Select(p => p.Item.Audit).OfType<AuditEntry>().ToArray();
        if (audits.Length > 0)
        {
            Add(npgsqlBatch, InsertAudits,
                audits.Select(a => a.EntryId).ToArray(), audits.Select(a => a.ObjectId).ToArray(), audits.Select(a => a.Action).ToArray(),
                audits.Select(a => a.ActorId).ToArray(), audits.Select(a => a.At.UtcDateTime).ToArray(), audits.Select(a => a.Details).ToArray());
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

    /// <summary>A batch's commits laid out column by column, one array per column, as the statements take them.</summary>
    private sealed class BatchRows
    {
        public required string[] PostingIds { get; init; }
        public required short[] PostingKinds { get; init; }
        public required NpgsqlParameter PostingTransferIds { get; init; }
        public required string[] PostingMemos { get; init; }
        public required Guid[] PostingActors { get; init; }
        public required DateTime[] PostingTimes { get; init; }
        public List<string> LinePostingIds { get; } = [];
        public List<string> LineAccounts { get; } = [];
        public List<short> LineBuckets { get; } = [];
        public List<long> LineAmounts { get; } = [];
        public List<string> NewFences { get; } = [];
        public List<string> AdvancedFences { get; } = [];
        public List<long> AdvancedFromVersions { get; } = [];
        public List<TransferRecord> Transfers { get; } = [];

        public static BatchRows From(IReadOnlyList<Pending> batch)
        {
            var commits = batch.Select(p => p.Item).ToArray();
            var rows = new BatchRows
            {
                PostingIds = commits.Select(c => c.Posting.PostingId).ToArray(),
                PostingKinds = commits.Select(c => (short)c.Posting.Kind).ToArray(),
                PostingTransferIds = new NpgsqlParameter
                {
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
                    Value = commits.Select(c => c.Posting.TransferId).ToArray(),
                },
                PostingMemos = commits.Select(c => c.Posting.Memo).ToArray(),
                PostingActors = commits.Select(c => c.ActorId).ToArray(),
                PostingTimes = commits.Select(c => c.At.UtcDateTime).ToArray(),
            };
            foreach (var commit in commits)
            {
                foreach (var line in commit.Posting.Lines)
                {
                    rows.LinePostingIds.Add(commit.Posting.PostingId);
                    rows.LineAccounts.Add(line.AccountId);
                    rows.LineBuckets.Add((short)line.Bucket);
                    rows.LineAmounts.Add(line.AmountFen);
                }
                if (commit.Fence.ExpectedVersion == 0)
                {
                    rows.NewFences.Add(commit.Fence.AccountId);
                }
                else
                {
                    rows.AdvancedFences.Add(commit.Fence.AccountId);
                    rows.AdvancedFromVersions.Add(commit.Fence.ExpectedVersion);
                }
                if (commit.Transfer is { } transfer)
                {
                    rows.Transfers.Add(transfer);
                }
            }
            return rows;
        }
    }

}
