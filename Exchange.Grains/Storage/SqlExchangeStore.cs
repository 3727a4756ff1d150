using System.Data.Common;
using System.Text;
using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// <see cref="IExchangeStore"/> over PostgreSQL or SQLite. A ledger step is one transaction: the Idempotency-Key
/// record (for an API command), the posting (its id unique, so a repeat is detected), the running balances with the
/// debited account's fence, the lines, the transfer row and the audit entry (<see cref="SqlLedgerCommitter"/>). Both
/// databases group-commit: many steps per transaction, each caller answered once its transaction is durable.
/// </summary>
public sealed partial class SqlExchangeStore : IExchangeStore, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SqlDialect _dialect;
    private readonly PostgreSqlBatchWriter? _batchWriter;
    private readonly PostgreSqlIdempotencyBatcher? _idempotency;
    private readonly PostgreSqlSessions? _sessions;
    private readonly SqliteGroupCommit? _sqliteWriter;

    /// <summary>The store over <paramref name="dataSource"/>; on a <see cref="SqliteFile"/>, with its group-commit writer.</summary>
    public SqlExchangeStore(DbDataSource dataSource, SqlDialect dialect)
    {
        _dataSource = dataSource;
        _dialect = dialect;
        if (dataSource is SqliteFile file)
        {
            _sqliteWriter = new SqliteGroupCommit(file);
        }
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
        _sqliteWriter?.CommitAsync(commit)
        ?? _batchWriter?.CommitAsync(commit)
        ?? CommitOneAsync(commit, PostgreSqlBatchWriter.SingleCommitShard, cancellationToken);

    /// <summary>One commit in a transaction of its own (PostgreSQL without group commit, or a batch replayed one by one).</summary>
    private async Task<CommitOutcome> CommitOneAsync(LedgerCommit commit, short creditShard, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken);
        var outcome = await new SqlLedgerCommitter(new SqlStatements(lease.Connection)).CommitAsync(transaction, commit, creditShard, cancellationToken);
        if (outcome == CommitOutcome.Committed)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        return outcome;
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
            "SELECT posting_id, kind, actor_id, created_at FROM exchange_postings WHERE posting_id IN (@reserve, @settle, @release, @transfer)");
        var ids = TransferAuditTrail.PostingIds(transferId);
        Add(command, "reserve", ids[0]);
        Add(command, "settle", ids[1]);
        Add(command, "release", ids[2]);
        Add(command, "transfer", ids[3]);
        var steps = new List<TransferAuditTrail.Step>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new TransferAuditTrail.Step(reader.GetString(0), (PostingKind)Convert.ToInt16(reader.GetValue(1)), reader.GetGuid(2), ReadTimestamp(reader, 3)));
        }
        return steps;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteWriter is not null)
        {
            await _sqliteWriter.DisposeAsync();
        }
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
