using System.Text;
using Exchange.Grains.Hosting;
using Microsoft.Data.Sqlite;

namespace Exchange.Tests.FollowUps;

/// <summary>
/// The embedded file's grain storage notes, in the same statement as a state write, whether the stored state still
/// owes follow-ups (triggers on Orleans' table): the note the sweep reads after a crash.
/// </summary>
public sealed class FollowUpNoteTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "exchange-notes-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task StateWrittenWithPendingFollowUps_IsNoted_AndTheNoteGoesWithTheLastOne()
    {
        var database = EmbeddedDatabase.Prepare(_directory);
        Write(database, """{"Outbox":{"Owner":"patent/201710601862.3","Pending":[{"kind":"audit"}]}}""", version: null);
        Assert.Equal(["patent/201710601862.3"], await database.Store.ReadUnfinishedFollowUpOwnersAsync("ip-exchange", TimeSpan.Zero, "", 10));
        Assert.Empty(await database.Store.ReadUnfinishedFollowUpOwnersAsync("ip-exchange", TimeSpan.FromMinutes(1), "", 10)); // noted just now: not yet quiet

        // A second write that still owes follow-ups (a step of the first adds its own) keeps the note.
        Write(database, """{"Outbox":{"Owner":"patent/201710601862.3","Pending":[{"kind":"audit"},{"kind":"continue"}]}}""", version: 1);
        Assert.Equal(["patent/201710601862.3"], await database.Store.ReadUnfinishedFollowUpOwnersAsync("ip-exchange", TimeSpan.Zero, "", 10));

        Write(database, """{"Outbox":{"Owner":"patent/201710601862.3","Pending":[]}}""", version: 2);
        Assert.Empty(await database.Store.ReadUnfinishedFollowUpOwnersAsync("ip-exchange", TimeSpan.Zero, "", 10));

        Write(database, """{"Registration":null}""", version: 3); // a state without an outbox is left alone
        Assert.Empty(await database.Store.ReadUnfinishedFollowUpOwnersAsync("ip-exchange", TimeSpan.Zero, "", 10));
        database.File.Dispose();
    }

    /// <summary>Writes through the query Orleans' provider runs (WriteToStorageKey), as it binds it.</summary>
    private static void Write(EmbeddedDatabase database, string json, int? version)
    {
        using var connection = database.File.OpenConnection();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'";
        using var write = connection.CreateCommand();
        write.CommandText = (string)query.ExecuteScalar()!;
        foreach (var (name, value) in new (string, object?)[]
        {
            ("@GrainIdHash", 1), ("@GrainIdN0", 2L), ("@GrainIdN1", 3L), ("@GrainTypeHash", 4), ("@GrainTypeString", "patent"),
            ("@GrainIdExtensionString", "201710601862.3"), ("@ServiceId", "ip-exchange"), ("@GrainStateVersion", version), ("@PayloadBinary", Encoding.UTF8.GetBytes(json)),
        })
        {
            ((SqliteCommand)write).Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        Assert.NotNull(write.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
