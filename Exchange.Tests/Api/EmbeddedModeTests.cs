using System.Net;
using System.Net.Http.Json;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>The embedded default keeps its state in SQLite files: what was acknowledged survives a restart.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "exchange-embedded-" + Guid.NewGuid().ToString("N"));

    private sealed class SqliteApi(string dataDirectory) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Exchange:Storage", "Sqlite");
            builder.UseSetting("Exchange:DataDirectory", dataDirectory);
        }
    }

    [Fact]
    public async Task ParticipantsMoneyAndIdempotencyRecords_SurviveARestart()
    {
        Guid payer, payee;
        string firstResponse;
        var key = "restart-" + Guid.NewGuid().ToString("N");
        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            payer = await api.RegisterAsync();
            payee = await api.RegisterAsync();
            await api.DepositAsync(payer, 300m);
            using var client = await api.ClientForAsync(payer);
            var response = await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 120.5m, mode = "immediate" }, key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            firstResponse = await response.Content.ReadAsStringAsync();
        }

        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            using var client = await api.ClientForAsync(payer);
            Assert.Equal(179.5m, (await (await client.GetAsync($"/api/accounts/{payer}")).ReadAsync<AccountResponse>()).Available);
            var repeat = await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 120.5m, mode = "immediate" }, key);
            Assert.Equal(firstResponse, await repeat.Content.ReadAsStringAsync());
            Assert.Equal(179.5m, (await (await client.GetAsync($"/api/accounts/{payer}")).ReadAsync<AccountResponse>()).Available);
            using var op = await api.OperatorAsync();
            Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
        }
    }

    [Fact]
    public async Task GrainStateLedgerAndAudit_LiveInOneDatabaseFile()
    {
        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            var payer = await api.RegisterAsync();
            await api.DepositAsync(payer, 10m);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var databases = Directory.GetFiles(_dataDirectory, "*.db").Select(f => Path.GetFileName(f)).ToArray();
        Assert.Single(databases);
        Assert.Equal(Exchange.Grains.Hosting.EmbeddedDatabase.FileName, databases[0]);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "exchange.db")}");
        connection.Open();
        foreach (var table in new[] { "OrleansStorage", "exchange_postings", "exchange_audit" })
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {table}";
            Assert.True((long)count.ExecuteScalar()! > 0, $"{table} is empty");
        }
    }

    [Fact]
    public void TheEarlierTwoFileLayout_IsMergedIntoTheOneFile()
    {
        Directory.CreateDirectory(_dataDirectory);
        void Run(string file, string sql)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, file)};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        Run("ledger.db", Exchange.Grains.Storage.SqlDialect.Sqlite.SchemaScript +
            "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) VALUES ('e1', 'participant:x', 'registered', X'00', '2026-01-01', 'old');");
        Run("grain-state.db", Exchange.Grains.Storage.SqlDialect.ReadResource("orleans-persistence-sqlite.sql") +
            "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, PayloadBinary, ModifiedOn, Version) VALUES (1, 2, 3, 4, 'participant', 'ip-exchange', X'7B7D', '2026-01-01', 7);");

        var database = Exchange.Grains.Hosting.EmbeddedDatabase.Prepare(_dataDirectory);
        using (var connection = database.File.OpenConnection())
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT (SELECT COUNT(*) FROM OrleansStorage WHERE Version = 7) + (SELECT COUNT(*) FROM exchange_audit WHERE entry_id = 'e1')";
            Assert.Equal(2L, count.ExecuteScalar());
        }
        database.File.Dispose();
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "ledger.db")));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "grain-state.db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class RealTokenAuthorityTests
{
    private sealed class AuthorityApi : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:Authority", "https://login.example.invalid/");
            builder.UseSetting("Auth:Audience", "ip-exchange");
        }
    }

    [Fact]
    public async Task WithARealTokenAuthority_TheDevelopmentTokenEndpointIsGone()
    {
        await using var api = new AuthorityApi();
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/dev/tokens", new { participantId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
