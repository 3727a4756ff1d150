using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// Immediate transfers through the grains of an in-process silo, with memory or PostgreSQL storage: the
/// exchange's own cost per transfer, without HTTP.
/// </summary>
public static class InProcessTransferBenchmark
{
    public static async Task RunAsync(string storage, string? connectionString, int transfers, int concurrency, int participants)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:Storage"] = storage,
            ["Exchange:PostgreSql"] = connectionString,
            ["Exchange:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["Exchange:SiloPort"] = "21111",
            ["Exchange:GatewayPort"] = "31000",
        });
        builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var people = await SetUpParticipantsAsync(grains, participants);
        // Warm-up: activate every account and the code paths before measuring.
        await LatencyRecorder.RunAsync(participants * 2, concurrency, i => Transfer(grains, people, i, Guid.NewGuid()), new LatencyRecorder());

        var commitsBefore = await CommitCountAsync(connectionString);
        var walSyncsBefore = await WalSyncCountAsync(connectionString);
        var recorder = new LatencyRecorder();
        var wall = await LatencyRecorder.RunAsync(transfers, concurrency, i => Transfer(grains, people, i, Guid.NewGuid()), recorder);
        Console.WriteLine(recorder.Report($"in-process transfers, {storage} storage, concurrency {concurrency}", wall));
        if (connectionString is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // PostgreSQL flushes backend statistics about once a second
            var commits = await CommitCountAsync(connectionString) - commitsBefore;
            Console.WriteLine($"  database transactions committed: {commits} = {(double)commits / transfers:F2} per transfer (writes and reads)");
            var walSyncs = await WalSyncCountAsync(connectionString) - walSyncsBefore;
            Console.WriteLine($"  WAL flushes to disk (pg_stat_wal.wal_sync): {walSyncs} = {(double)walSyncs / transfers:F3} per transfer");
        }
        await host.StopAsync();
    }

    internal static Task Transfer(IGrainFactory grains, IReadOnlyList<Guid> people, int i, Guid transferId)
    {
        var payer = people[i % people.Count];
        var payee = people[(i * 7 + 1) % people.Count];
        if (payee == payer)
        {
            payee = people[(i + 1) % people.Count];
        }
        return grains.GetGrain<ITransferGrain>(transferId)
            .Execute(new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(1 + i % 500), TransferMode.Immediate, "bench", "bench"), new Actor(payer, "Investor"));
    }

    internal static async Task<IReadOnlyList<Guid>> SetUpParticipantsAsync(IGrainFactory grains, int count)
    {
        var people = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var id = Guid.NewGuid();
            var participant = grains.GetGrain<IParticipantGrain>(id);
            await participant.Register(new RegisterParticipant($"Bench {i}", ParticipantKind.Enterprise,
                CreditCodeRules.CompleteUnifiedSocialCreditCode("91110108" + Random.Shared.NextInt64(100_000_000, 999_999_999)), ParticipantRoles.Investor, true, false), Actor.System);
            await participant.DecideKyc(KycDecision.Verify, "bench", Actor.System);
            await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(id)).Deposit($"deposit:bench-{id:N}", Money.FromYuan(10_000_000m), "bench", Actor.System);
            people[i] = id;
        });
        return people;
    }

    private static async Task<long> WalSyncCountAsync(string? connectionString)
    {
        if (connectionString is null)
        {
            return 0;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT wal_sync FROM pg_stat_wal", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CommitCountAsync(string? connectionString)
    {
        if (connectionString is null)
        {
            return 0;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
