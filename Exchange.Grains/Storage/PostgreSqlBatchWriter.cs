using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
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
/// A batch is all or nothing. If any commit in it is a duplicate posting, finds its account fence moved or its
/// Idempotency-Key already recorded (all rare: they mean a retry, a second activation or a reused key), the statement
/// fails, nothing of it is written, and its commits are replayed one by one through the single-commit path, which
/// reports each outcome precisely.
/// </para>
/// <para>
/// Row locks: each loop credits payees on a balance shard of its own (<see cref="BalanceDelta"/>), and a debited
/// account's own row is written only by its grain, so two batches of one silo share no balance row and never wait for
/// each other. Where they could (loops of two silos share shard numbers), every balance row of a batch is written by
/// one part of the statement in one global order (account id in byte order, then shard): the parts of a statement
/// run in an unspecified order, so two parts locking rows of one table could deadlock against another batch.
/// </para>
/// </summary>
internal sealed class PostgreSqlBatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>The balance shard of commits made outside any loop (group commit off).</summary>
    public const short SingleCommitShard = 1;

    /// <summary>
    /// The whole batch as one statement: each part writes one kind of row for every commit from array parameters,
    /// so PostgreSQL plans and runs one statement (prepared once) and Npgsql encodes a few arrays instead of a
    /// command per row. Being one statement, it commits by itself: no BEGIN or COMMIT round trips.
    /// <para>
    /// Every rule a commit must pass makes the statement fail when broken, so that a batch cannot half apply: a
    /// repeated posting or a transfer created twice violates a unique key; and when fewer debited accounts' rows were
    /// advanced than there are commits (a fence moved since its grain read it), or fewer keys inserted than commits
    /// carry (a key already recorded), the final SELECT casts its complaint to a number, which raises an error at run
    /// time. An account debited twice in one batch (two activations racing) would be advanced once for both, so
    /// <see cref="BatchRows"/> sends such a batch one by one instead.
    /// </para>
    /// <para>
    /// The balance rows are written by one upsert, which also checks the fences: a debited account's row (shard 0) is
    /// advanced only from the version its grain expects ($41, $42), a first debit may advance a row that credits made
    /// (version 0), and every debited row must come back at version 1 or more. A debit expected at a version v &gt; 0
    /// whose row does not exist would be inserted at version 0, and fails that count like a fence that moved. (A
    /// CHECK constraint cannot refuse it instead: PostgreSQL checks the proposed row before it looks for a conflict.)
    /// </para>
    internal const string WriteBatchSql =
        "WITH keys AS (" +
        "INSERT INTO exchange_idempotency (scope, key, request_hash, status_code, response_body, location, created_at) " +
        "SELECT s, k, h, 0, '', NULL, a FROM unnest($37::text[], $38::text[], $39::text[], $40::timestamptz[]) AS u (s, k, h, a) " +
        "ON CONFLICT (scope, key) DO NOTHING RETURNING 1), " +
        "postings AS (" +
        "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) " +
        "SELECT * FROM unnest($1::text[], $2::smallint[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[])), " +
        "lines AS (" +
        "INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) " +
        "SELECT * FROM unnest($7::text[], $8::text[], $9::smallint[], $10::bigint[])), " +
        // Rows are upserted in the order the SELECT delivers them, so the ORDER BY is the lock order.
        "balances AS (" +
        "INSERT INTO exchange_account_balances AS b (account_id, shard, available_fen, reserved_fen, version) " +
        "SELECT * FROM unnest($11::text[], $12::smallint[], $13::bigint[], $14::bigint[], $15::bigint[]) AS delta (account_id, shard, available_fen, reserved_fen, version) " +
        "ORDER BY delta.account_id COLLATE \"C\", delta.shard " +
        "ON CONFLICT (account_id, shard) DO UPDATE SET available_fen = b.available_fen + excluded.available_fen, " +
        "reserved_fen = b.reserved_fen + excluded.reserved_fen, version = b.version + CASE WHEN excluded.shard = 0 THEN 1 ELSE 0 END " +
        "WHERE excluded.shard <> 0 OR b.version = ($42::bigint[])[array_position($41::text[], b.account_id)] " +
        "RETURNING b.shard, b.version), " +
        "new_transfers AS (" +
        "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
        "SELECT * FROM unnest($16::uuid[], $17::text[], $18::text[], $19::bigint[], $20::smallint[], $21::smallint[], $22::text[], $23::uuid[], $24::text[], $25::timestamptz[], $26::timestamptz[], $27::text[])), " +
        // Found by key (= ANY is an index condition whatever the statistics say; a join to unnest() was planned as a
        // scan of the whole table while its statistics said it was empty). A batch closes each transfer once (its
        // payer's account is in the batch once), so array_position is unambiguous.
        "closed_transfers AS (" +
        "UPDATE exchange_transfers t SET status = ($29::smallint[])[array_position($28::uuid[], t.transfer_id)], " +
        "updated_at = ($30::timestamptz[])[array_position($28::uuid[], t.transfer_id)] WHERE t.transfer_id = ANY($28::uuid[])), " +
        "audits AS (" +
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) " +
        "SELECT * FROM unnest($31::text[], $32::text[], $33::text[], $34::uuid[], $35::timestamptz[], $36::text[]) " +
        "ON CONFLICT (entry_id) DO NOTHING) " +
        // The complaint names the counts, which also keeps the planner from folding the cast (and failing) ahead of time.
        "SELECT CASE WHEN f.advanced = cardinality($1::text[]) AND k.inserted = cardinality($37::text[]) THEN 1 " +
        "ELSE ('fences advanced ' || f.advanced || ' of ' || cardinality($1::text[]) || ', keys recorded ' || k.inserted || ' of ' || cardinality($37::text[]))::bigint END " +
        "FROM (SELECT count(*) AS advanced FROM balances WHERE shard = 0 AND version >= 1) f, (SELECT count(*) AS inserted FROM keys) k";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<LedgerCommit, short, CancellationToken, Task<CommitOutcome>> _commitOneByOne;
    private readonly MicroBatcher<LedgerCommit, CommitOutcome> _batcher;

    /// <param name="dataSource">Connections for the batch statement, with sequential scans off (see
    /// <see cref="PostgreSqlSessions"/>).</param>
    /// <param name="commitOneByOne">The single-commit path, told the balance shard to credit on.</param>
    public PostgreSqlBatchWriter(NpgsqlDataSource dataSource, Func<LedgerCommit, short, CancellationToken, Task<CommitOutcome>> commitOneByOne, int writers)
    {
        _dataSource = dataSource;
        _commitOneByOne = commitOneByOne;
        _batcher = new MicroBatcher<LedgerCommit, CommitOutcome>(WriteAsync, writers, MaxBatch);
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit) => _batcher.EnqueueAsync(commit);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    /// <summary>Loop <paramref name="loop"/>'s balance shard; shard 0 is every account's own row.</summary>
    private static short ShardOf(int loop) => checked((short)(loop + 1));

    private async Task WriteAsync(int loop, IReadOnlyList<Pending> batch)
    {
        var shard = ShardOf(loop);
        if (BatchRows.From(batch, shard) is not { } rows)
        {
            // An account twice: the single path reports which commit lost its fence.
            await CommitOneByOneAsync(batch, shard);
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
            await CommitOneByOneAsync(batch, shard);
        }
        // Anything else (connection lost or similar) leaves it unknown whether the batch committed: the batcher
        // fails every caller, and each grain reloads from the ledger before acting again.
    }

    private async Task CommitOneByOneAsync(IReadOnlyList<Pending> batch, short shard)
    {
        foreach (var pending in batch)
        {
            try
            {
                pending.Completion.TrySetResult(await _commitOneByOne(pending.Item, shard, CancellationToken.None));
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
        var t = rows.NewTransfers;
        var closed = rows.ClosedTransfers;
        var a = rows.Audits;
        var k = rows.Keys;
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
            (NpgsqlDbType.Text, rows.Balances.Select(b => b.Delta.AccountId).ToArray()),
            (NpgsqlDbType.Smallint, rows.Balances.Select(b => b.Delta.Shard).ToArray()),
            (NpgsqlDbType.Bigint, rows.Balances.Select(b => b.Delta.AvailableFen).ToArray()),
            (NpgsqlDbType.Bigint, rows.Balances.Select(b => b.Delta.ReservedFen).ToArray()),
            (NpgsqlDbType.Bigint, rows.Balances.Select(b => b.InsertedVersion).ToArray()),
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
            (NpgsqlDbType.Uuid, closed.Select(x => x.TransferId).ToArray()),
            (NpgsqlDbType.Smallint, closed.Select(x => (short)x.Status).ToArray()),
            (NpgsqlDbType.TimestampTz, closed.Select(x => x.UpdatedAt.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.EntryId).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.ObjectId).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.Action).ToArray()),
            (NpgsqlDbType.Uuid, a.Select(x => x.ActorId).ToArray()),
            (NpgsqlDbType.TimestampTz, a.Select(x => x.At.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, a.Select(x => x.Details).ToArray()),
            (NpgsqlDbType.Text, k.Select(x => x.Stamp.Scope).ToArray()),
            (NpgsqlDbType.Text, k.Select(x => x.Stamp.Key).ToArray()),
            (NpgsqlDbType.Text, k.Select(x => x.Stamp.RequestHash).ToArray()),
            (NpgsqlDbType.TimestampTz, k.Select(x => x.At.UtcDateTime).ToArray()),
            (NpgsqlDbType.Text, rows.Commits.Select(c => c.Fence.AccountId).ToArray()),
            (NpgsqlDbType.Bigint, rows.Commits.Select(c => c.Fence.ExpectedVersion).ToArray()),
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
        public List<(BalanceDelta Delta, long InsertedVersion)> Balances { get; } = [];
        public List<TransferRecord> NewTransfers { get; } = [];
        public List<TransferRecord> ClosedTransfers { get; } = [];
        public List<AuditEntry> Audits { get; } = [];
        public List<(IdempotencyStamp Stamp, DateTimeOffset At)> Keys { get; } = [];

        /// <summary>
        /// The version a debited account's row gets if it has none yet: 1 for a first debit; 0 for a debit expected at a
        /// later version, which the statement then counts as a fence lost (see <see cref="WriteBatchSql"/>).
        /// </summary>
        public static long InsertedVersion(long expectedVersion) => expectedVersion == 0 ? 1 : 0;

        /// <summary>The rows, or null when an account is debited twice in the batch.</summary>
        public static BatchRows? From(IReadOnlyList<Pending> batch, short creditShard)
        {
            var rows = new BatchRows { Commits = batch.Select(p => p.Item).ToArray() };
            var fenced = new HashSet<string>(StringComparer.Ordinal);
            // One row per (account, shard) however many commits credit it: an upsert may touch a row only once.
            var credits = new Dictionary<string, BalanceDelta>(StringComparer.Ordinal);
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
                var (debited, credited) = BalanceDelta.Of(commit, creditShard);
                rows.Balances.Add((debited, InsertedVersion(commit.Fence.ExpectedVersion)));
                foreach (var credit in credited)
                {
                    credits[credit.AccountId] = credits.TryGetValue(credit.AccountId, out var sum) ? sum.Add(credit) : credit;
                }
                if (commit.Transfer is { } transfer)
                {
                    (commit.CreatesTransfer ? rows.NewTransfers : rows.ClosedTransfers).Add(transfer);
                }
                if (commit.Audit is { } audit)
                {
                    rows.Audits.Add(audit);
                }
                if (commit.Idempotency is { } stamp)
                {
                    rows.Keys.Add((stamp, commit.At));
                }
            }
            rows.Balances.AddRange(credits.Values.Select(credit => (credit, 0L)));
            return rows;
        }
    }
}
