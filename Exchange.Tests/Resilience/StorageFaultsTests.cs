using Exchange.Grains.Common;
using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;

namespace Exchange.Tests.Resilience;

/// <summary>Which exceptions are faults of the infrastructure, turned into the exchange's own; the rest keep their meaning.</summary>
public sealed class StorageFaultsTests
{
    /// <summary>A real Npgsql failure: PostgreSQL is not listening on the port.</summary>
    public static async Task<NpgsqlException> RefusedConnectionAsync()
    {
        var port = Infrastructure.FreePort.Next();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=x;Password=x;Timeout=2;Pooling=false");
        return await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync());
    }

    [Fact]
    public async Task ARefusedConnection_IsPostgreSqlUnreachable_WithTheDriversMessage_AndNoInnerException()
    {
        var refused = await RefusedConnectionAsync();
        var fault = StorageFaults.Translate(refused, "ledger");
        Assert.NotNull(fault);
        Assert.Equal("PostgreSQL unreachable", fault.Cause);
        Assert.Equal("ledger", fault.Store);
        Assert.Contains(refused.Message, fault.Message);
        Assert.Null(fault.InnerException);
    }

    [Theory]
    [InlineData("57P01", true)] // admin shutdown
    [InlineData("57P03", true)] // cannot connect now (starting up)
    [InlineData("53300", true)] // too many connections
    [InlineData("08006", true)] // connection failure
    [InlineData("40001", true)] // serialization failure: the transaction rolled back
    [InlineData("23505", false)] // a unique violation is the exchange's own business
    [InlineData("42601", false)] // a syntax error is a fault of the exchange, a 500
    public void ServerErrors_AreInfrastructureFaults_OnlyWhenTheServerIsTheProblem(string sqlState, bool unavailable)
    {
        var error = new PostgresException("message", "FATAL", "FATAL", sqlState);
        Assert.Equal(unavailable, StorageFaults.Translate(error, "audit") is not null);
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(261, true)] // SQLITE_BUSY_RECOVERY, an extended code
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(1, false)] // SQLITE_ERROR
    public void SqliteErrors_AreInfrastructureFaults_WhenTheFileIsBusyFullOrUnreadable(int code, bool unavailable) =>
        Assert.Equal(unavailable, StorageFaults.Translate(new SqliteException("message", code), "grain state") is not null);

    [Fact]
    public async Task AStaleETag_KeepsItsMeaning_EvenWithADriverExceptionInside()
    {
        Assert.Null(StorageFaults.Translate(new InconsistentStateException("stale", "1", "2"), "grain state"));
        Assert.Null(StorageFaults.Translate(new InconsistentStateException("stale", await RefusedConnectionAsync()), "grain state"));
        Assert.Null(StorageFaults.Translate(new InvalidOperationException("a bug"), "ledger"));
    }

    [Fact]
    public async Task TheExchangesOwnException_IsFoundInsideOrleansWrapping()
    {
        var own = StorageFaults.Translate(await RefusedConnectionAsync(), "grain state")!;
        var wrapped = new Orleans.Runtime.OrleansException("Error from storage provider", own);
        Assert.Same(own, StorageFaults.Find(wrapped));
        Assert.Same(own, StorageFaults.Translate(wrapped, "grain state"));
    }
}
