using Exchange.Grains.Idempotency;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Grains.Storage;

/// <summary>
/// Idempotency records on PostgreSQL, looked up and saved in batches. Every command of the API looks its key up
/// before it runs and saves its outcome after; one query or insert per command was three database round trips on
/// top of the command's own work, and cost the database more than the transfer itself.
/// </summary>
internal sealed class PostgreSqlIdempotencyBatcher : IAsyncDisposable
{
    private const int MaxBatch = 256;

    // One primary-key lookup per requested key. LIMIT 1 keeps the subquery a lookup per element: without it the
    // planner flattens it into a join and, with statistics taken while the table was empty, scanned the whole
    // index for every batch (80 million buffer reads in a 30-second run, measured).
    internal const string FindSql =
        "SELECT i.scope, i.key, i.request_hash, i.status_code, i.response_body, i.location, i.created_at " +
        "FROM unnest($1::text[], $2::text[]) AS u (scope, key) " +
        "CROSS JOIN LATERAL (SELECT * FROM exchange_idempotency x WHERE x.scope = u.scope AND x.key = u.key LIMIT 1) AS i";

    // A record the ledger committed with its key (status 0) is completed by the same request's response; any other
    // stored record wins. Each key appears once per statement (an upsert may touch a row only once).
    private const string SaveSql =
        "INSERT INTO exchange_idempotency AS i (scope, key, request_hash, status_code, response_body, location, created_at) " +
        "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::timestamptz[]) " +
        "ON CONFLICT (scope, key) DO UPDATE SET status_code = excluded.status_code, response_body = excluded.response_body, location = excluded.location " +
        "WHERE i.status_code = 0 AND i.request_hash = excluded.request_hash " +
        "RETURNING i.scope, i.key, i.request_hash, i.status_code, i.response_body, i.location, i.created_at";

    private readonly NpgsqlDataSource _dataSource;
    private readonly MicroBatcher<(string Scope, string Key), IdempotencyRecord?> _finds;
    private readonly MicroBatcher<IdempotencyRecord, IdempotencySave> _saves;

    public PostgreSqlIdempotencyBatcher(NpgsqlDataSource dataSource, int loops)
    {
        _dataSource = dataSource;
        _finds = new(FindBatchAsync, loops, MaxBatch);
        _saves = new(SaveBatchAsync, loops, MaxBatch);
    }

    public Task<IdempotencyRecord?> FindAsync(string scope, string key) => _finds.EnqueueAsync((scope, key));

    /// <summary>Stores the record unless one exists for its scope and key; returns whichever is stored, and whether this save stored it.</summary>
    public Task<IdempotencySave> SaveAsync(IdempotencyRecord record) => _saves.EnqueueAsync(record);

    public async ValueTask DisposeAsync()
    {
        await _finds.DisposeAsync();
        await _saves.DisposeAsync();
    }

    private async Task FindBatchAsync(IReadOnlyList<MicroBatcher<(string Scope, string Key), IdempotencyRecord?>.Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var found = await FindManyAsync(connection, batch.Select(p => p.Item).ToArray());
        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(found.GetValueOrDefault(pending.Item));
        }
    }

    private async Task SaveBatchAsync(IReadOnlyList<MicroBatcher<IdempotencyRecord, IdempotencySave>.Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        // The first record of each key in the batch is sent; any other with the same key (two copies of one request
        // racing) gets whatever is stored afterwards, as if it had come second.
        var records = batch.Select(p => p.Item).DistinctBy(r => (r.Scope, r.Key)).ToArray();
        var saved = new Dictionary<(string, string), IdempotencyRecord>();
        await using (var command = new NpgsqlCommand(SaveSql, connection))
        {
            Add(command, NpgsqlDbType.Text, records.Select(r => r.Scope).ToArray());
            Add(command, NpgsqlDbType.Text, records.Select(r => r.Key).ToArray());
            Add(command, NpgsqlDbType.Text, records.Select(r => r.RequestHash).ToArray());
            Add(command, NpgsqlDbType.Integer, records.Select(r => r.StatusCode).ToArray());
            Add(command, NpgsqlDbType.Text, records.Select(r => r.ResponseBody).ToArray());
            Add(command, NpgsqlDbType.Text, records.Select(r => r.Location).ToArray());
            Add(command, NpgsqlDbType.TimestampTz, records.Select(r => r.CreatedAt.UtcDateTime).ToArray());
            await command.PrepareAsync();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var record = ReadRecord(reader);
                saved[(record.Scope, record.Key)] = record;
            }
        }

        var winners = records.ToHashSet();
        var losers = new List<MicroBatcher<IdempotencyRecord, IdempotencySave>.Pending>();
        foreach (var pending in batch)
        {
            if (winners.Contains(pending.Item) && saved.TryGetValue((pending.Item.Scope, pending.Item.Key), out var record))
            {
                pending.Completion.TrySetResult(new IdempotencySave(record, StoredNow: true));
            }
            else
            {
                losers.Add(pending);
            }
        }
        if (losers.Count > 0)
        {
            var stored = await FindManyAsync(connection, losers.Select(p => (p.Item.Scope, p.Item.Key)).Distinct().ToArray());
            foreach (var pending in losers)
            {
                if (stored.TryGetValue((pending.Item.Scope, pending.Item.Key), out var record))
                {
                    pending.Completion.TrySetResult(new IdempotencySave(record, StoredNow: false));
                }
                else
                {
                    pending.Completion.TrySetException(new InvalidOperationException($"Idempotency record {pending.Item.Scope}/{pending.Item.Key} vanished after a conflicting insert."));
                }
            }
        }
    }

    private static async Task<Dictionary<(string Scope, string Key), IdempotencyRecord>> FindManyAsync(NpgsqlConnection connection, (string Scope, string Key)[] keys)
    {
        await using var command = new NpgsqlCommand(FindSql, connection);
        Add(command, NpgsqlDbType.Text, keys.Select(k => k.Scope).ToArray());
        Add(command, NpgsqlDbType.Text, keys.Select(k => k.Key).ToArray());
        await command.PrepareAsync();
        var found = new Dictionary<(string, string), IdempotencyRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var record = ReadRecord(reader);
            found.TryAdd((record.Scope, record.Key), record);
        }
        return found;
    }

    private static IdempotencyRecord ReadRecord(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), SqlExchangeStore.ReadTimestamp(reader, 6));

    /// <summary>
    /// Array parameters with their type named, so that it never depends on the values (a changed type makes Npgsql
    /// prepare the statement again; see PostgreSqlBatchWriter).
    /// </summary>
    private static void Add(NpgsqlCommand command, NpgsqlDbType elementType, Array values) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values });
}
