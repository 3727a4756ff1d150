using System.Data.Common;
using System.Text;
using Exchange.Grains.Lists;

namespace Exchange.Grains.Storage;

/// <summary>The lists' entries on the SQL store: one row per object, one row per party it concerns.</summary>
public sealed partial class SqlExchangeStore
{
    public async Task UpsertDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = Command(lease.Connection, transaction,
            "INSERT INTO exchange_directory (kind, object_id, status, title, updated_at) VALUES (@kind, @object, @status, @title, @at) " +
            "ON CONFLICT (kind, object_id) DO UPDATE SET status = excluded.status, title = excluded.title, updated_at = excluded.updated_at"))
        {
            Add(upsert, "kind", entry.Kind);
            Add(upsert, "object", entry.ObjectId);
            Add(upsert, "status", entry.Status);
            Add(upsert, "title", entry.Title);
            Add(upsert, "at", entry.UpdatedAt);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var forget = Command(lease.Connection, transaction,
            "DELETE FROM exchange_directory_parties WHERE kind = @kind AND object_id = @object AND NOT lasting"))
        {
            Add(forget, "kind", entry.Kind);
            Add(forget, "object", entry.ObjectId);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var party in entry.Parties)
        {
            await using var insert = Command(lease.Connection, transaction,
                "INSERT INTO exchange_directory_parties (kind, object_id, party, relation, lasting) VALUES (@kind, @object, @party, @relation, @lasting) " +
                "ON CONFLICT (kind, object_id, party, relation) DO NOTHING");
            Add(insert, "kind", entry.Kind);
            Add(insert, "object", entry.ObjectId);
            Add(insert, "party", party.Party);
            Add(insert, "relation", party.Relation);
            Add(insert, "lasting", party.Lasting);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DirectoryPage> ListDirectoryAsync(DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        var rows = new List<(long Sequence, string ObjectId, string Status, string Title, DateTimeOffset At)>();
        await using (var list = Command(lease.Connection, null, ""))
        {
            var sql = new StringBuilder("SELECT d.seq, d.object_id, d.status, d.title, d.updated_at FROM exchange_directory d WHERE d.kind = @kind");
            Add(list, "kind", query.Kind);
            if (query.After > 0)
            {
                sql.Append(" AND d.seq < @after");
                Add(list, "after", query.After);
            }
            if (query.Status is { } status)
            {
                sql.Append(" AND d.status = @status");
                Add(list, "status", status);
            }
            if (query.Concerning is { } concerning)
            {
                sql.Append(" AND EXISTS (SELECT 1 FROM exchange_directory_parties c WHERE c.kind = d.kind AND c.object_id = d.object_id AND c.party = @concerning AND c.relation = @concerning_relation)");
                Add(list, "concerning", concerning.Party);
                Add(list, "concerning_relation", concerning.Relation);
            }
            if (query.Party is { } party)
            {
                Add(list, "party", party.ToString("N"));
                var direct = "EXISTS (SELECT 1 FROM exchange_directory_parties p WHERE p.kind = d.kind AND p.object_id = d.object_id AND p.party = @party" +
                    (query.Relation is null ? ")" : " AND p.relation = @relation)");
                if (query.Relation is { } relation)
                {
                    Add(list, "relation", relation);
                }
                // The objects on patents the party owns now: its 'patent:' parties matched against the patents' owners.
                var throughPatents = "EXISTS (SELECT 1 FROM exchange_directory_parties lp JOIN exchange_directory_parties op " +
                    "ON op.kind = 'patent' AND op.relation = 'owner' AND op.party = @party AND lp.party = 'patent:' || op.object_id " +
                    "WHERE lp.kind = d.kind AND lp.object_id = d.object_id AND lp.relation = 'patent')";
                sql.Append(query.Match switch
                {
                    DirectoryMatch.ThroughOwnedPatents => $" AND {throughPatents}",
                    DirectoryMatch.DirectOrThroughOwnedPatents => $" AND ({direct} OR {throughPatents})",
                    _ => $" AND {direct}",
                });
            }
            sql.Append(" ORDER BY d.seq DESC LIMIT @limit");
            Add(list, "limit", query.Limit + 1);
            list.CommandText = sql.ToString();
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((Convert.ToInt64(reader.GetValue(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTimestamp(reader, 4)));
            }
        }
        var parties = await ReadDirectoryPartiesAsync(lease.Connection, query.Kind, rows.Take(query.Limit).Select(r => r.ObjectId).ToArray(), cancellationToken);
        return Paging.Page(rows, query.Limit, r => r.Sequence, (page, next) => new DirectoryPage(
            [.. page.Select(r => new ListedObject(r.Sequence, new DirectoryEntry(query.Kind, r.ObjectId, r.Status, r.Title, parties.GetValueOrDefault(r.ObjectId, []), r.At)))], next));
    }

    private static async Task<Dictionary<string, List<DirectoryParty>>> ReadDirectoryPartiesAsync(DbConnection connection, string kind, string[] objectIds, CancellationToken cancellationToken)
    {
        var parties = new Dictionary<string, List<DirectoryParty>>(StringComparer.Ordinal);
        if (objectIds.Length == 0)
        {
            return parties;
        }
        await using var read = Command(connection, null,
            "SELECT object_id, party, relation, lasting FROM exchange_directory_parties WHERE kind = @kind AND object_id IN (" +
            string.Join(", ", objectIds.Select((_, i) => "@o" + i)) + ") ORDER BY object_id, relation, party");
        Add(read, "kind", kind);
        for (var i = 0; i < objectIds.Length; i++)
        {
            Add(read, "o" + i, objectIds[i]);
        }
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var objectId = reader.GetString(0);
            if (!parties.TryGetValue(objectId, out var list))
            {
                parties[objectId] = list = [];
            }
            list.Add(new DirectoryParty(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return parties;
    }
}
