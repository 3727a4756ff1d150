using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Storage;

/// <summary>
/// Idempotency records: batched on PostgreSQL, through the group-commit writer on SQLite (so a lookup or a save costs
/// no transaction of its own), one connection each otherwise.
/// </summary>
public sealed partial class SqlExchangeStore
{
    public async Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        if (_sqliteWriter is not null)
        {
            return await _sqliteWriter.FindAsync(scope, key);
        }
        if (_idempotency is not null)
        {
            return await _idempotency.FindAsync(scope, key);
        }
        await using var lease = await OpenAsync(cancellationToken);
        return await SqlIdempotency.FindAsync(new SqlStatements(lease.Connection), null, scope, key, cancellationToken);
    }

    public async Task<IdempotencySave> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        if (_sqliteWriter is not null)
        {
            return await _sqliteWriter.SaveAsync(record);
        }
        if (_idempotency is not null)
        {
            return await _idempotency.SaveAsync(record);
        }
        await using var lease = await OpenAsync(cancellationToken);
        return await SqlIdempotency.SaveAsync(new SqlStatements(lease.Connection), null, record, cancellationToken);
    }

    public async Task<int> PurgeIdempotencyRecordsAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        return await SqlIdempotency.PurgeAsync(new SqlStatements(lease.Connection), createdBefore, limit, cancellationToken);
    }
}
