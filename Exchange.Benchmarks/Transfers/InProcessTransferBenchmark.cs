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
/// Immediate transfers through the grains of an in-process silo (ITransferDeskGrain, as the API makes them), with memory, SQLite or PostgreSQL storage: the
/// exchange's own cost per transfer, without HTTP. For SQLite, <c>connectionString</c> is the data directory.
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
            ["Exchange:PostgreSql"] = storage == "PostgreSql" ? connectionString : null,
            ["Exchange:DataDirectory"] = storage == "Sqlite" ? connectionString : null,
            ["Exchange:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["Exchange:SiloPort"] = "21111",
            ["Exchange:GatewayPort"] = "31000",
        });
        builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var people = await SetUpParticipantsAsync(grains, participants);
        // Warm-up: activate every account, and let the JIT finish optimising the hot paths, before measuring.
        var (_, warmUp) = await LatencyRecorder.WarmUpUntilSteadyAsync(TimeSpan.FromSeconds(90), concurrency, i => Transfer(grains, people, i, Guid.NewGuid()));
        Console.WriteLine($"  {warmUp}");

        var postgres = storage == "PostgreSql" ? connectionString : null;
        var commitsBefore = await CommitCountAsync(postgres);
        var walBefore = await WalStatsAsync(postgres);
        var recorder = new LatencyRecorder();
        var cpu = new CpuMeter();
        var wall = await LatencyRecorder.RunAsync(transfers, concurrency, i => Transfer(grains, people, i, Guid.NewGuid()), recorder);
        Console.WriteLine(recorder.Report($"in-process transfers, {storage} storage, concurrency {concurrency}", wall));
        Console.WriteLine(cpu.Report(transfers, wall));
        if (postgres is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // PostgreSQL flushes backend statistics about once a second
            var commits = await CommitCountAsync(postgres) - commitsBefore;
            Console.WriteLine($"  database transactions committed: {commits} = {(double)commits / transfers:F2} per transfer (writes and reads)");
            var wal = await WalStatsAsync(postgres);
            Console.WriteLine($"  WAL flushes to disk (pg_stat_wal.wal_sync): {wal.Syncs - walBefore.Syncs} = {(double)(wal.Syncs - walBefore.Syncs) / transfers:F3} per transfer; " +
                $"WAL written: {(double)(wal.Bytes - walBefore.Bytes) / transfers:F0} bytes per transfer, of which full-page images {(double)(wal.FullPageImages - walBefore.FullPageImages) / transfers:F2} per transfer; " +
                $"checkpoints during the run: {wal.Checkpoints - walBefore.Checkpoints}");
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
        // The way the API makes transfers (TransfersApi.Create).
        return grains.GetGrain<ITransferDeskGrain>(0)
            .Execute(transferId, new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(1 + i % 500), TransferMode.Immediate, "bench", "bench"), new Actor(payer, "Investor"));
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

    private static async Task<(long Syncs, long Bytes, long FullPageImages, long Checkpoints)> WalStatsAsync(string? connectionString)
    {
        if (connectionString is null)
        {
            return default;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT w.wal_sync, w.wal_bytes::bigint, w.wal_fpi, b.checkpoints_timed + b.checkpoints_req FROM pg_stat_wal w, pg_stat_bgwriter b", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
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
