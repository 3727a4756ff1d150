using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Npgsql;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// The group-commit statements find rows by key, however wrong the planner's statistics are. Statistics taken
/// while a table was empty (a fresh database, an ANALYZE before a burst) once made PostgreSQL scan the whole
/// idempotency index for every batch of lookups, halving the API's throughput; these tests analyze the empty
/// tables first and read the generic plans the key-lookup sessions will use.
/// </summary>
public sealed class KeyLookupPlanTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string BatchParameterTypes = string.Join(", ",
        "text[]", "smallint[]", "uuid[]", "text[]", "uuid[]", "timestamptz[]",
        "text[]", "text[]", "smallint[]", "bigint[]",
        "text[]", "smallint[]", "bigint[]", "bigint[]", "bigint[]",
        "uuid[]", "text[]", "text[]", "bigint[]", "smallint[]", "smallint[]", "text[]", "uuid[]", "text[]", "timestamptz[]", "timestamptz[]", "text[]",
        "uuid[]", "smallint[]", "timestamptz[]",
        "text[]", "text[]", "text[]", "uuid[]", "timestamptz[]", "text[]",
        "text[]", "text[]", "text[]", "timestamptz[]",
        "text[]", "bigint[]");

    [Fact]
    public async Task IdempotencyLookups_AfterTheTableWasAnalyzedEmpty_AreOnePrimaryKeyLookupPerKey()
    {
        var plan = await GenericPlanAsync("exchange_idempotency", $"PREPARE find (text[], text[]) AS {PostgreSqlIdempotencyBatcher.FindSql}",
            "EXPLAIN EXECUTE find ('{a,b}', '{c,d}')");

        Assert.Contains("Index Cond: ((scope = u.scope) AND (key = u.key))", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Join Filter", plan);
    }

    [Fact]
    public async Task LedgerBatch_AfterTheTransfersWereAnalyzedEmpty_FindsEachClosedTransferByKey()
    {
        // Balance rows are upserted (found through the primary key's conflict check, whatever the plan); the transfers a
        // batch settles or releases are the one lookup it plans.
        var empty = string.Join(", ", Enumerable.Repeat("'{}'", 42));
        var plan = await GenericPlanAsync("exchange_transfers", $"PREPARE batch ({BatchParameterTypes}) AS {PostgreSqlBatchWriter.WriteBatchSql}",
            $"EXPLAIN EXECUTE batch ({empty})");

        Assert.Contains("Index Cond: (transfer_id = ANY ($28))", plan);
        // Balance rows are locked in one global order (account id in byte order, then shard): the rows are sorted
        // before the upsert takes them, so two batches crediting the same accounts wait for each other, never deadlock.
        Assert.Contains("Sort Key: delta.account_id COLLATE \"C\", delta.shard", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Join Filter", plan);
    }

    private async Task<string> GenericPlanAsync(string table, string prepare, string explain)
    {
        await using var sessions = PostgreSqlSessions.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString));
        await using var connection = await sessions.LedgerBatches.OpenConnectionAsync();
        await using (var analyze = new NpgsqlCommand($"ANALYZE {table}", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        await using (var command = new NpgsqlCommand(prepare, connection))
        {
            await command.ExecuteNonQueryAsync();
        }
        await using var query = new NpgsqlCommand(explain, connection);
        var lines = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
