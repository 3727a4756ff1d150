using System.Data.Common;
using System.Text;
using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// <see cref="IExchangeStore"/> over PostgreSQL or SQLite. A ledger step is one transaction: posting (its id
/// unique, so a repeat is detected), the debited account's fence, the lines, the transfer row and the audit entry.
/// </summary>
public sealed partial class SqlExchangeStore : IExchangeStore, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SqlDialect _dialect;
    private readonly PostgreSqlBatchWriter? _batchWriter;
    private readonly PostgreSqlIdempotencyBatcher? _idempotency;
    private readonly PostgreSqlSessions? _sessions;

    public SqlExchangeStore(DbDataSource dataSource, SqlDialect dialect)
    {
        _dataSource = dataSource;
        _dialect = dialect;
    }

    /// <summary>PostgreSQL with <paramref name="batchWriters"/> group-commit loops for the ledger and the idempotency records.</summary>
    internal SqlExchangeStore(PostgreSqlSessions sessions, int batchWriters)
        : this(sessions.General, SqlDialect.PostgreSql)
    {
        _sessions = sessions;
        if (batchWriters > 0)
        {
            _batchWriter = new PostgreSqlBatchWriter(sessions.LedgerBatches, CommitOneAsync, batchWriters);
            _idempotency = new PostgreSqlIdempotencyBatcher(sessions.IdempotencyBatches, batchWriters);
        }
    }

    /// <summary>Creates the tables if they are missing; safe to call at every start.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        if (_dialect == SqlDialect.Sqlite)
        {
            // WAL is a property of the file, set once; it lets readers run beside the writer.
            await ExecuteAsync(lease.Connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await ExecuteAsync(lease.Connection, null, _dialect.SchemaScript, cancellationToken);
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default) =>
        _batchWriter is null ? CommitOneAsync(commit, cancellationToken) : _batchWriter.CommitAsync(commit);

    private async Task<CommitOutcome> CommitOneAsync(LedgerCommit commit, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken);
        var posting = commit.Posting;

        await using (var insertPosting = Command(lease.Connection, transaction,
            "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) " +
            "VALUES (@posting_id, @kind, @transfer_id, @memo, @actor_id, @at) ON CONFLICT (posting_id) DO NOTHING"))
        {
            Add(insertPosting, "posting_id", posting.PostingId);
            Add(insertPosting, "kind", (short)posting.Kind);
            Add(insertPosting, "transfer_id", posting.TransferId);
            Add(insertPosting, "memo", posting.Memo);
            Add(insertPosting, "actor_id", commit.ActorId);
            Add(insertPosting, "at", commit.At);
            if (await insertPosting.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return CommitOutcome.DuplicatePosting;
            }
        }

        // A first debit inserts the fence row; later ones advance it only from the version the grain loaded.
        // Zero rows touched means another activation wrote in between: refuse rather than risk an overdraft.
        await using (var fence = Command(lease.Connection, transaction, commit.Fence.ExpectedVersion == 0
            ? "INSERT INTO exchange_account_fences (account_id, version) VALUES (@account_id, 1) ON CONFLICT (account_id) DO NOTHING"
            : "UPDATE exchange_account_fences SET version = version + 1 WHERE account_id = @account_id AND version = @expected"))
        {
            Add(fence, "account_id", commit.Fence.AccountId);
            if (commit.Fence.ExpectedVersion > 0)
            {
                Add(fence, "expected", commit.Fence.ExpectedVersion);
            }
            if (await fence.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return CommitOutcome.FenceLost;
            }
        }

        await using (var rest = lease.Connection.CreateCommand())
        {
            rest.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) VALUES ");
            Add(rest, "posting_id", posting.PostingId);
            for (var i = 0; i < posting.Lines.Count; i++)
            {
                var line = posting.Lines[i];
                sql.Append(i == 0 ? "" : ", ").Append($"(@posting_id, @a{i}, @b{i}, @m{i})");
                Add(rest, $"a{i}", line.AccountId);
                Add(rest, $"b{i}", (short)line.Bucket);
                Add(rest, $"m{i}", line.AmountFen);
            }
            sql.Append(';');
            if (commit.Transfer is { } transfer)
            {
                sql.Append(
                    "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
                    "VALUES (@t_id, @t_payer, @t_payee, @t_amount, @t_mode, @t_status, @t_hash, @t_by, @t_memo, @t_created, @t_updated, @t_controller) " +
                    "ON CONFLICT (transfer_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at;");
                Add(rest, "t_id", transfer.TransferId);
                Add(rest, "t_payer", transfer.PayerAccount);
                Add(rest, "t_payee", transfer.PayeeAccount);
                Add(rest, "t_amount", transfer.AmountFen);
                Add(rest, "t_mode", (short)transfer.Mode);
                Add(rest, "t_status", (short)transfer.Status);
                Add(rest, "t_hash", transfer.RequestHash);
                Add(rest, "t_by", transfer.RequestedBy);
                Add(rest, "t_memo", transfer.Memo);
                Add(rest, "t_created", transfer.CreatedAt);
                Add(rest, "t_updated", transfer.UpdatedAt);
                Add(rest, "t_controller", transfer.ControlledBy);
            }
            if (commit.Audit is { } audit)
            {
                sql.Append(AuditInsertSql);
                AddAudit(rest, audit);
            }
            rest.CommandText = sql.ToString();
            await rest.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return CommitOutcome.Committed;
    }

    public async Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        // The fence version first: a debit landing between the two reads then shows in the balances but not in
        // the version, so the grain's next commit fails its fence (safe) instead of passing with a stale balance.
        var version = await ReadVersionAsync(lease.Connection, null, accountId, cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT bucket, SUM(amount_fen) FROM exchange_posting_lines WHERE account_id = @account_id GROUP BY bucket");
        Add(command, "account_id", accountId);
        long available = 0, reserved = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sum = Convert.ToInt64(reader.GetValue(1));
                if ((Bucket)Convert.ToInt16(reader.GetValue(0)) == Bucket.Available)
                {
                    available = sum;
                }
                else
                {
                    reserved = sum;
                }
            }
        }
        return new AccountBalances(available, reserved, version);
    }

    public async Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, "SELECT 1 FROM exchange_postings WHERE posting_id = @id");
        Add(command, "id", postingId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, TransferSelectSql + " WHERE payer_account = @payer AND status = 1");
        Add(command, "payer", payerAccount);
        return await ReadTransfersAsync(command, cancellationToken);
    }

    public async Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, TransferSelectSql + " WHERE transfer_id = @id");
        Add(command, "id", transferId);
        var rows = await ReadTransfersAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT transfer_id FROM exchange_transfers WHERE status = 1 AND mode = 0 AND updated_at < @before ORDER BY updated_at LIMIT @limit");
        Add(command, "before", before);
        Add(command, "limit", limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    public async Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT l.seq, l.posting_id, p.kind, l.bucket, l.amount_fen, p.transfer_id, p.memo, p.created_at " +
            "FROM exchange_posting_lines l JOIN exchange_postings p ON p.posting_id = l.posting_id " +
            "WHERE l.account_id = @account_id AND l.seq > @after ORDER BY l.seq LIMIT @limit");
        Add(command, "account_id", accountId);
        Add(command, "after", afterSequence);
        Add(command, "limit", limit + 1);
        var lines = new List<StatementLine>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(new StatementLine(
                    Convert.ToInt64(reader.GetValue(0)),
                    reader.GetString(1),
                    (PostingKind)Convert.ToInt16(reader.GetValue(2)),
                    (Bucket)Convert.ToInt16(reader.GetValue(3)),
                    Convert.ToInt64(reader.GetValue(4)),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5),
                    reader.GetString(6),
                    ReadTimestamp(reader, 7)));
            }
        }
        return Paging.Page(lines, limit, l => l.Sequence, (rows, next) => new StatementPage(rows, next));
    }

    public async Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        var totals = new TrialBalanceAccumulator();
        await using (var command = Command(lease.Connection, null,
            "SELECT account_id, bucket, SUM(amount_fen) FROM exchange_posting_lines GROUP BY account_id, bucket"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                totals.Add(reader.GetString(0), (Bucket)Convert.ToInt16(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
            }
        }
        await using var count = Command(lease.Connection, null, "SELECT COUNT(*) FROM exchange_postings");
        var postings = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
        return totals.ToTrialBalance(postings);
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, AuditInsertSql);
        AddAudit(command, entry);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        if (TransferAuditTrail.TryParse(objectId, out var transferId))
        {
            return TransferAuditTrail.Page(await LoadTransferAsync(transferId, cancellationToken), await ReadTransferStepsAsync(transferId, cancellationToken), afterSequence, limit);
        }
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT seq, entry_id, object_id, action, actor_id, at, details FROM exchange_audit " +
            "WHERE object_id = @object_id AND seq > @after ORDER BY seq LIMIT @limit");
        Add(command, "object_id", objectId);
        Add(command, "after", afterSequence);
        Add(command, "limit", limit + 1);
        var rows = new List<(long Sequence, AuditEntry Entry)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((Convert.ToInt64(reader.GetValue(0)), new AuditEntry(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4), ReadTimestamp(reader, 5), reader.GetString(6))));
            }
        }
        return Paging.Page(rows, limit, r => r.Sequence, (page, next) => new AuditPage(page.Select(r => r.Entry).ToArray(), next));
    }

    private async Task<IReadOnlyList<TransferAuditTrail.Step>> ReadTransferStepsAsync(Guid transferId, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT posting_id, kind, actor_id, created_at FROM exchange_postings WHERE posting_id IN (@reserve, @settle, @release)");
        var ids = TransferAuditTrail.PostingIds(transferId);
        Add(command, "reserve", ids[0]);
        Add(command, "settle", ids[1]);
        Add(command, "release", ids[2]);
        var steps = new List<TransferAuditTrail.Step>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new TransferAuditTrail.Step(reader.GetString(0), (PostingKind)Convert.ToInt16(reader.GetValue(1)), reader.GetGuid(2), ReadTimestamp(reader, 3)));
        }
        return steps;
    }

    public async Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        if (_idempotency is not null)
        {
            return await _idempotency.FindAsync(scope, key);
        }
        await using var lease = await OpenAsync(cancellationToken);
        return await FindIdempotencyRecordAsync(lease.Connection, scope, key, cancellationToken);
    }

    public async Task<IdempotencyRecord> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        if (_idempotency is not null)
        {
            return await _idempotency.SaveAsync(record);
        }
        await using var lease = await OpenAsync(cancellationToken);
        await using (var command = Command(lease.Connection, null,
            "INSERT INTO exchange_idempotency (scope, key, request_hash, status_code, response_body, location, created_at) " +
            "VALUES (@scope, @key, @hash, @status, @body, @location, @at) ON CONFLICT (scope, key) DO NOTHING"))
        {
            Add(command, "scope", record.Scope);
            Add(command, "key", record.Key);
            Add(command, "hash", record.RequestHash);
            Add(command, "status", record.StatusCode);
            Add(command, "body", record.ResponseBody);
            Add(command, "location", record.Location);
            Add(command, "at", record.CreatedAt);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return record;
            }
        }
        return await FindIdempotencyRecordAsync(lease.Connection, record.Scope, record.Key, cancellationToken)
            ?? throw new InvalidOperationException($"Idempotency record {record.Scope}/{record.Key} vanished after a conflicting insert.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_batchWriter is not null)
        {
            await _batchWriter.DisposeAsync();
        }
        if (_idempotency is not null)
        {
            await _idempotency.DisposeAsync();
        }
        if (_sessions is not null)
        {
            await _sessions.DisposeAsync();
        }
        else
        {
            await _dataSource.DisposeAsync();
        }
    }

    private const string AuditInsertSql =
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) " +
        "VALUES (@au_id, @au_object, @au_action, @au_actor, @au_at, @au_details) ON CONFLICT (entry_id) DO NOTHING;";

    private const string TransferSelectSql =
        "SELECT transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by FROM exchange_transfers";

    private static void AddAudit(DbCommand command, AuditEntry entry)
    {
        Add(command, "au_id", entry.EntryId);
        Add(command, "au_object", entry.ObjectId);
        Add(command, "au_action", entry.Action);
        Add(command, "au_actor", entry.ActorId);
        Add(command, "au_at", entry.At);
        Add(command, "au_details", entry.Details);
    }

    private static async Task<IReadOnlyList<TransferRecord>> ReadTransfersAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<TransferRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TransferRecord(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3)),
                (TransferMode)Convert.ToInt16(reader.GetValue(4)),
                (TransferStatus)Convert.ToInt16(reader.GetValue(5)),
                reader.GetString(6),
                reader.GetGuid(7),
                reader.GetString(8),
                ReadTimestamp(reader, 9),
                ReadTimestamp(reader, 10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }
        return rows;
    }

    private static async Task<IdempotencyRecord?> FindIdempotencyRecordAsync(DbConnection connection, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null,
            "SELECT request_hash, status_code, response_body, location, created_at FROM exchange_idempotency WHERE scope = @scope AND key = @key");
        Add(command, "scope", scope);
        Add(command, "key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new IdempotencyRecord(scope, key, reader.GetString(0), Convert.ToInt32(reader.GetValue(1)), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), ReadTimestamp(reader, 4));
    }

    private static async Task<long> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, string accountId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT version FROM exchange_account_fences WHERE account_id = @account_id");
        Add(command, "account_id", accountId);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value);
    }

    internal static DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        var other => throw new InvalidCastException($"Unexpected timestamp type {other.GetType()}."),
    };

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset at => at.ToUniversalTime(),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<ConnectionLease> OpenAsync(CancellationToken cancellationToken) =>
        new(await _dataSource.OpenConnectionAsync(cancellationToken));

    /// <summary>An open connection; on SQLite it holds the file's gate (<see cref="SqliteFile"/>) until disposed.</summary>
    private sealed class ConnectionLease(DbConnection connection) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
