using System.Net;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Exchange.Tests.Api;

/// <summary>
/// The ledger on the embedded default: concurrent commands group-committed in the one SQLite file, the snapshots
/// agreeing with the lines, and one key's copies answered alike, across a restart.
/// </summary>
public sealed class EmbeddedLedgerTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "exchange-embedded-ledger-" + Guid.NewGuid().ToString("N"));

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
    public async Task ConcurrentTransfersAndCopiesOfOne_AreGroupCommitted_AndTheSnapshotsAgreeWithTheLines_AfterARestart()
    {
        var people = new List<Guid>();
        var key = "copies-" + Guid.NewGuid().ToString("N");
        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            for (var i = 0; i < 6; i++)
            {
                people.Add(await api.RegisterAsync());
                await api.DepositAsync(people[^1], 500m);
            }
            var clients = await Task.WhenAll(people.Select(api.ClientForAsync));
            var transfers = Enumerable.Range(0, 60).Select(i =>
                clients[i % 6].PostCommandAsync("/api/transfers", new { payee = people[(i + 1) % 6].ToString(), amount = 1m + i % 7, mode = "immediate" }, api.NewKey()));
            var copies = Enumerable.Range(0, 10).Select(_ =>
                clients[0].PostCommandAsync("/api/transfers", new { payee = people[3].ToString(), amount = 50m, mode = "immediate" }, key));
            var responses = await Task.WhenAll(transfers.Concat(copies));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Single((await Task.WhenAll(responses[^10..].Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        }

        await using (var api = new SqliteApi(_dataDirectory))
        {
            await api.InitializeAsync();
            using var op = await api.OperatorAsync();
            var verification = await (await op.GetAsync("/api/ledger/trial-balance/verification")).ReadAsync<TrialBalanceVerificationResponse>();
            Assert.True(verification.Agrees);
            Assert.Equal(3_000m, verification.Maintained.ParticipantAvailable);
            using var client = await api.ClientForAsync(people[0]);
            var repeat = await client.PostCommandAsync("/api/transfers", new { payee = people[3].ToString(), amount = 50m, mode = "immediate" }, key);
            Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
