using System.Data.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Storage;

/// <summary>
/// Idempotency records over one connection's statements: SQLite's group-commit writer, and PostgreSQL without group
/// commit. (PostgreSqlIdempotencyBatcher does the same in batches.)
/// </summary>
internal static class SqlIdempotency
{
    private const string Columns = "scope, key, request_hash, status_code, response_body, location, created_at";

    // A record the ledger committed with its key (status 0) is completed by the same request's response; any other
    // stored record wins, and the caller gets it back.
    private const string SaveSql =
        $"INSERT INTO exchange_idempotency ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) " +
        "ON CONFLICT (scope, key) DO UPDATE SET status_code = excluded.status_code, response_body = excluded.response_body, location = excluded.location " +
        $"WHERE exchange_idempotency.status_code = 0 AND exchange_idempotency.request_hash = excluded.request_hash RETURNING {Columns}";

    private const string FindSql = $"SELECT {Columns} FROM exchange_idempotency WHERE scope = @p0 AND key = @p1";

    private const string PurgeSql =
        "DELETE FROM exchange_idempotency WHERE (scope, key) IN (SELECT scope, key FROM exchange_idempotency WHERE created_at < @p0 LIMIT @p1)";

    public static async Task<IdempotencyRecord?> FindAsync(SqlStatements statements, DbTransaction? transaction, string scope, string key, CancellationToken cancellationToken)
    {
        await using var reader = await statements.ReaderAsync(transaction, FindSql, cancellationToken, scope, key);
        return await ReadOneAsync(reader, cancellationToken);
    }

    public static async Task<IdempotencySave> SaveAsync(SqlStatements statements, DbTransaction? transaction, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        await using (var reader = await statements.ReaderAsync(transaction, SaveSql, cancellationToken,
            record.Scope, record.Key, record.RequestHash, record.StatusCode, record.ResponseBody, record.Location, record.CreatedAt))
        {
            if (await ReadOneAsync(reader, cancellationToken) is { } saved)
            {
                return new IdempotencySave(saved, StoredNow: true);
            }
        }
        var stored = await FindAsync(statements, transaction, record.Scope, record.Key, cancellationToken)
            ?? throw new InvalidOperationException($"Idempotency record {record.Scope}/{record.Key} vanished after a conflicting insert.");
        return new IdempotencySave(stored, StoredNow: false);
    }

    public static Task<int> PurgeAsync(SqlStatements statements, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken) =>
        statements.ExecuteAsync(null, PurgeSql, cancellationToken, createdBefore, limit);

    private static async Task<IdempotencyRecord?> ReadOneAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new IdempotencyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3)), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), SqlExchangeStore.ReadTimestamp(reader, 6));
    }
}
