using System.Text;
using Exchange.Tests.Infrastructure;
using Npgsql;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// PostgreSQL's grain storage notes, inside its WriteToStorage function, whether the state written still owes
/// follow-ups. The note reads the state's JSON; whatever the state holds, the grain's write must succeed.
/// </summary>
public sealed class FollowUpNoteFunctionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private readonly string _service = "notes-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task PendingFollowUps_AreNoted_AndTheNoteGoesWhenNoneArePending()
    {
        var owner = "patent/" + Guid.NewGuid().ToString("N");
        var version = await WriteAsync(owner, """{"Outbox":{"Owner":"OWNER","Pending":[{"kind":"audit"}]}}""", null);
        Assert.True(await IsNotedAsync(owner));

        await WriteAsync(owner, """{"Outbox":{"Owner":"OWNER","Pending":[]}}""", version);
        Assert.False(await IsNotedAsync(owner));
    }

    [Fact]
    public async Task NoteIsKeyedByService_AnotherServicesStateDoesNotClearIt()
    {
        var owner = "patent/" + Guid.NewGuid().ToString("N");
        await WriteAsync(owner, """{"Outbox":{"Owner":"OWNER","Pending":[{"kind":"audit"}]}}""", null);
        await WriteAsync(owner, """{"Outbox":{"Owner":"OWNER","Pending":[]}}""", null, service: _service + "-other", idHash: 2);
        Assert.True(await IsNotedAsync(owner));
    }

    [Theory]
    [InlineData("""{"Title":"a NUL \u0000 in a title","Outbox":{"Owner":"OWNER","Pending":[{"kind":"audit"}]}}""", true)]
    [InlineData("""{"Outbox":{"Owner":"OWNER","Pending":null}}""", false)]
    [InlineData("""{"Outbox":{"Owner":"OWNER","Pending":{"kind":"audit"}}}""", false)]
    [InlineData("""{"Outbox":{"Owner":"OWNER","Pending":[{"kind":"audit"}]""", false)] // cut short
    [InlineData("""{"Outbox":null}""", false)]
    [InlineData("""{"Outbox":{"Owner":"","Pending":[{"kind":"audit"}]}}""", false)]
    public async Task AnyStateIsWritten_AndNotedOnlyWhenItPlainlyOwesFollowUps(string json, bool noted)
    {
        var owner = "licence/" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await WriteAsync(owner, json, null));
        Assert.Equal(noted, await IsNotedAsync(owner));
    }

    [Fact]
    public async Task BinaryState_IsWrittenUnnoted()
    {
        var owner = "account/" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await WriteAsync(owner, null, null, binary: [0x00, 0xFF, 0x7B]));
        Assert.False(await IsNotedAsync(owner));
    }

    /// <summary>Writes through the function Orleans' provider calls; OWNER in <paramref name="json"/> stands for <paramref name="owner"/>.</summary>
    private async Task<int> WriteAsync(string owner, string? json, int? version, string? service = null, int idHash = 1, byte[]? binary = null)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var write = new NpgsqlCommand("SELECT NewGrainStateVersion FROM WriteToStorage(@hash, 1, 2, 3, 'patent', @key, @service, @version, @payload)", connection);
        write.Parameters.AddWithValue("hash", idHash);
        write.Parameters.AddWithValue("key", owner);
        write.Parameters.AddWithValue("service", service ?? _service);
        write.Parameters.AddWithValue("version", NpgsqlTypes.NpgsqlDbType.Integer, (object?)version ?? DBNull.Value);
        write.Parameters.AddWithValue("payload", binary ?? Encoding.UTF8.GetBytes(json!.Replace("OWNER", owner, StringComparison.Ordinal)));
        return (int)(await write.ExecuteScalarAsync())!;
    }

    private async Task<bool> IsNotedAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM exchange_follow_up_owners WHERE service_id = @service AND owner = @owner", connection);
        read.Parameters.AddWithValue("service", _service);
        read.Parameters.AddWithValue("owner", owner);
        return (long)(await read.ExecuteScalarAsync())! > 0;
    }
}
