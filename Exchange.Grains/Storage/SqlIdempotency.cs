using System.Data.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Storage;

/// <summary>
/// Idempotency records over one connection: SQLite's group-commit writer, and PostgreSQL without group commit.
/// (PostgreSqlIdempotencyBatcher does the same in batches.)
/// </summary>
internal static class SqlIdempotency
{
    private const string Columns = "scope, key, request_hash, status_code, response_body, location, created_at";

    // A record the ledger committed with its key (status 0) is completed by the same request's response; any other
    // stored record wins, and the caller gets it back.
    private const string SaveSql =
        $"INSERT INTO exchange_idempotency ({Columns}) VALUES (@scope, @key, @hash, @status, @body, @location, @at) " +
        "ON CONFLICT (scope, key) DO UPDATE SET status_code = excluded.status_code, response_body = excluded.response_body, location = excluded.location " +
        $"WHERE exchange_idempotency.status_code = 0 AND exchange_idempotency.request_hash = excluded.request_hash RETURNING {Columns}";

    private const string FindSql = $"SELECT {Columns} FROM exchange_idempotency WHERE scope = @scope AND key = @key";

    private const string PurgeSql =
        "DELETE FROM exchange_idempotency WHERE (scope, key) IN (SELECT scope, key FROM exchange_idempotency WHERE created_at < @before LIMIT @limit)";

    public static async Task<IdempotencyRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, FindSql, ("scope", scope), ("key", key));
        return await ReadOneAsync(command, cancellationToken);
    }

    public static async Task<IdempotencyRecord> SaveAsync(DbConnection connection, DbTransaction? transaction, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        await using (var command = Command(connection, transaction, SaveSql, ("scope", record.Scope), ("key", record.Key), ("hash", record.RequestHash),
            ("status", record.StatusCode), ("body", record.ResponseBody), ("location", record.Location), ("at", record.CreatedAt.ToUniversalTime())))
        {
            if (await ReadOneAsync(command, cancellationToken) is { } saved)
            {
                return saved;
            }
        }
        return await FindAsync(connection, transaction, record.Scope, record.Key, cancellationToken)
            ?? throw new InvalidOperationException($"Idempotency record {record.Scope}/{record.Key} vanished after a conflicting insert.");
    }

    public static async Task<int> PurgeAsync(DbConnection connection, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, PurgeSql, ("before", createdBefore.ToUniversalTime()), ("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IdempotencyRecord?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new IdempotencyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3)), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), SqlExchangeStore.ReadTimestamp(reader, 6));
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
