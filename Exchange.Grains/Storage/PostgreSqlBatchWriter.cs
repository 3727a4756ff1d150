using Exchange.Grains.Audit;
using Exchange.Grains.Ledger;
using Npgsql;
using NpgsqlTypes;
using Pending = Exchange.Grains.Storage.MicroBatcher<Exchange.Grains.Ledger.LedgerCommit, Exchange.Grains.Ledger.CommitOutcome>.Pending;

namespace Exchange.Grains.Storage;

/// <summary>
/// Group commit for the ledger on PostgreSQL. Concurrent ledger commits from many account grains queue here;
/// a few writer loops each take whatever is queued (up to <see cref="MaxBatch"/>) and write it as one statement,
/// which PostgreSQL runs and commits as one transaction in one round trip, so a thousand transfers in flight
/// cost tens of commits, not thousands. Each caller still waits until its own commit is durable. Under light load
/// a batch holds one commit and costs what the single path does.
/// <para>
/// A batch is all or nothing. If any commit in it is a duplicate posting or finds its account fence moved (both
/// rare: they mean a retry or a second activation), the statement fails, nothing of it is written, and its commits
/// are replayed one by one through the single-commit path, which reports each outcome precisely.
/// </para>
/// </summary>
internal sealed class PostgreSqlBatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>
    /// The whole batch as one statement: each part writes one kind of row for every commit from array parameters,
    /// so PostgreSQL plans and runs one statement (prepared once) and Npgsql encodes a few arrays instead of a
    /// command per row. Being one statement, it commits by itself: no BEGIN or COMMIT round trips.
    /// <para>
    /// Every rule a commit must pass makes the statement fail when broken, so that a batch cannot half apply: a
    /// repeated posting or a first debit whose fence row already exists violates a unique key, and when fewer fences
    /// advanced than were expected to (one moved since its grain read it) the final SELECT casts its complaint to a
    /// number, which raises an error at run time. An account named twice in one batch (two activations racing)
    /// would be advanced once for both, so <see cref="BatchRows"/> sends such a batch one by one instead.
    /// </para>
    /// </summary>
    internal const string WriteBatchSql =
        "WITH postings AS (" +
        "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) " +
        "SELECT * FROM unnest($1::text[], $2::smallint[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[])), " +
        "lines AS (" +
        "INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) " +
        "SELECT * FROM unnest($7::text[], $8::text[], $9::smallint[], $10::bigint[])), " +
        "first_fences AS (" +
        "INSERT INTO exchange_account_fences (account_id, version) SELECT a, 1 FROM unnest($11::text[]) AS a), " +
        // Found by key (= ANY is an index condition whatever the statistics say; a join to unnest() was planned as a
        // scan of every fence while the table's statistics said it was empty), each checked against its own expected
        // version. The batch names each account once (BatchRows), so array_position is unambiguous.
        "advanced_fences AS (" +
        "UPDATE exchange_account_fences f SET version = f.version + 1 " +
        "WHERE f.account_id = ANY($12::text[]) AND f.version = ($13::bigint[])[array_position($12::text[], f.account_id)] " +
        "RETURNING 1), " +
        "transfers AS (" +
        "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
        "SELECT * FROM unnest($14::uuid[], $15::text[], $16::text[], $17::bigint[], $18::smallint[], $19::smallint[], $20::text[], $21::uuid[], $22::text[], $23::timestamptz[], $24::timestamptz[], $25::text[]) " +
        "ON CONFLICT (transfer_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at), " +
        "audits AS (" +
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) " +
        "SELECT * FROM unnest($26::text[], $27::text[], $28::text[], $29::uuid[], $30::timestamptz[], $31::text[]) " +
        "ON CONFLICT (entry_id) DO NOTHING) " +
        "SELECT CASE WHEN count(*) = cardinality($12::text[]) THEN count(*) " +
        "ELSE ('fences moved: ' || (cardinality($12::text[]) - count(*)))::bigint END FROM advanced_fences";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<LedgerCommit, CancellationToken, Task<CommitOutcome>> _commitOneByOne;
    private readonly MicroBatcher<LedgerCommit, CommitOutcome> _batcher;

    /// <param name="dataSource">Connections for the batch statement, with sequential scans off (see
    /// <see cref="PostgreSqlSessions"/>).</param>
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
        if (BatchRows.From(batch) is not { } rows)
        {
            // An account twice: the single path reports which commit lost its fence.
            await CommitOneByOneAsync(batch);
            return;
        }
        try
        {
            await WriteBatchAsync(rows);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(CommitOutcome.Committed);
            }
        }
        catch (PostgresException e) when (e.InvariantSeverity == "ERROR")
        {
            // The statement failed, so none of it was written: a rule was broken somewhere in the batch; find out
            // which commit it was. A FATAL or PANIC error ends the session and may come after the commit (a backend
            // killed while waiting for a synchronous standby reports it after committing locally): that outcome is
            // unknown, and like a lost connection it fails every caller below.
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

    private async Task WriteBatchAsync(BatchRows rows)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(WriteBatchSql, connection);
        var t = rows.Transfers;
        var a = rows.Audits;
        // Every parameter's type is named: inferred from the values, an empty DateTime[] (no element to show its
        // kind) reads as timestamp rather than timestamptz, and a type that changes between calls makes Npgsql
        // prepare the statement again, so PostgreSQL planned it on every batch.
        (NpgsqlDbType Type, Array Values)[] columns =
        [
            (NpgsqlDbType.Text, rows.Commits.Select(c => c.Posting.PostingId).ToArray()),
            (NpgsqlDbType.Smallint, rows.Commits.Select(c => (short)c.Posting.Kind).ToArray()),
            (NpgsqlDbType.Uuid, rows.Commits.Select(c => c.Posting.TransferId).ToArray()),
            (NpgsqlDbType.Text, rows.Commits.Select(c => c.Posting.Memo).ToArray()),
            (NpgsqlDbType.Uuid, rows.Commits.Select(c => c.ActorId).ToArray()),
            (NpgsqlDbType.TimestampTz, rows.Commits.Select(c => c.At.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, rows.LinePostingIds.ToArray()),
            (NpgsqlDbType.Text, rows.LineAccounts.ToArray()),
            (NpgsqlDbType.Smallint, rows.LineBuckets.ToArray()),
            (NpgsqlDbType.Bigint, rows.LineAmounts.ToArray()),
            (NpgsqlDbType.Text, rows.FirstFences.ToArray()),
            (NpgsqlDbType.Text, rows.AdvancedFences.ToArray()),
            (NpgsqlDbType.Bigint, rows.AdvancedFromVersions.ToArray()),
            (NpgsqlDbType.Uuid, t.Select(x => x.TransferId).ToArray()),
            (NpgsqlDbType.Text, t.Select(x => x.PayerAccount).ToArray()),
            (NpgsqlDbType.Text, t.Select(x => x.PayeeAccount).ToArray()),
            (NpgsqlDbType.Bigint, t.Select(x => x.AmountFen).ToArray()),
            (NpgsqlDbType.Smallint, t.Select(x => (short)x.Mode).ToArray()),
            (NpgsqlDbType.Smallint, t.Select(x => (short)x.Status).ToArray()),
            (NpgsqlDbType.Text, t.Select(x => x.RequestHash).ToArray()),
            (NpgsqlDbType.Uuid, t.Select(x => x.RequestedBy).ToArray()),
            (NpgsqlDbType.Text, t.Select(x => x.Memo).ToArray()),
            (NpgsqlDbType.TimestampTz, t.Select(x => x.CreatedAt.UtcDateTime).ToArray()),
            (NpgsqlDbType.TimestampTz, t.Select(x => x.UpdatedAt.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, t.Select(x => x.ControlledBy).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.EntryId).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.ObjectId).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.Action).ToArray()),
            (NpgsqlDbType.Uuid, a.Select(x => x.ActorId).ToArray()),
            (NpgsqlDbType.TimestampTz, a.Select(x => x.At.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.Details).ToArray()),
        ];
        foreach (var (type, values) in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values });
        }
        // Prepared explicitly: the statement then stays prepared on each pooled connection and is planned once
        // (a generic plan, PostgreSqlSessions.LedgerBatches), where automatic preparation left it planned on every call.
        await command.PrepareAsync();
        await command.ExecuteScalarAsync();
    }

    /// <summary>A batch's commits laid out column by column, as the statement takes them.</summary>
    private sealed class BatchRows
    {
        public required LedgerCommit[] Commits { get; init; }
        public List<string> LinePostingIds { get; } = [];
        public List<string> LineAccounts { get; } = [];
        public List<short> LineBuckets { get; } = [];
        public List<long> LineAmounts { get; } = [];
        public List<string> FirstFences { get; } = [];
        public List<string> AdvancedFences { get; } = [];
        public List<long> AdvancedFromVersions { get; } = [];
        public List<TransferRecord> Transfers { get; } = [];
        public List<AuditEntry> Audits { get; } = [];

        /// <summary>The rows, or null when an account is debited twice in the batch.</summary>
        public static BatchRows? From(IReadOnlyList<Pending> batch)
        {
            var rows = new BatchRows { Commits = batch.Select(p => p.Item).ToArray() };
            var fenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var commit in rows.Commits)
            {
                if (!fenced.Add(commit.Fence.AccountId))
                {
                    return null;
                }
                foreach (var line in commit.Posting.Lines)
                {
                    rows.LinePostingIds.Add(commit.Posting.PostingId);
                    rows.LineAccounts.Add(line.AccountId);
                    rows.LineBuckets.Add((short)line.Bucket);
                    rows.LineAmounts.Add(line.AmountFen);
                }
                if (commit.Fence.ExpectedVersion == 0)
                {
                    rows.FirstFences.Add(commit.Fence.AccountId);
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
                if (commit.Audit is { } audit)
                {
                    rows.Audits.Add(audit);
                }
            }
            return rows;
        }
    }
}
