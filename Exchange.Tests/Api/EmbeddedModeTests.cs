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
            var response = await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 120.5m }, key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            firstResponse = await response.Content.ReadAsStringAsync();
        }

        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            using var client = await api.ClientForAsync(payer);
            Assert.Equal(179.5m, (await (await client.GetAsync($"/api/accounts/{payer}")).ReadAsync<AccountResponse>()).Available);
            var repeat = await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 120.5m }, key);
            Assert.Equal(firstResponse, await repeat.Content.ReadAsStringAsync());
            Assert.Equal(179.5m, (await (await client.GetAsync($"/api/accounts/{payer}")).ReadAsync<AccountResponse>()).Available);
            using var op = await api.OperatorAsync();
            Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
        }
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
