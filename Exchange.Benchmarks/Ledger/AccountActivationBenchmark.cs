using System.Data.Common;
using System.Diagnostics;
using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Exchange.Benchmarks.Ledger;

/// <summary>
/// How long an account grain takes to activate (and answer its first call) with a short and with a long statement:
/// the activation reads the running balance snapshot, so both should cost the same. Beside it, what the earlier
/// activation did (sum every line of the account) timed on the same database, for comparison.
/// </summary>
public static class AccountActivationBenchmark
{
    private const int Rounds = 40;
    private const int Payers = 64;

    public static async Task RunAsync(string storage, string target, int longStatement)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:Storage"] = storage,
            ["Exchange:PostgreSql"] = storage == "PostgreSql" ? target : null,
            ["Exchange:DataDirectory"] = storage == "Sqlite" ? target : null,
            ["Exchange:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["Exchange:SiloPort"] = "21113",
            ["Exchange:GatewayPort"] = "31002",
        });
        builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var store = host.Services.GetRequiredService<ILedgerStore>();

        var shortAccount = AccountId.ForParticipant(Guid.NewGuid());
        var longAccount = AccountId.ForParticipant(Guid.NewGuid());
        var fill = Stopwatch.StartNew();
        await CreditAsync(store, shortAccount, 100);
        await CreditAsync(store, longAccount, longStatement);
        Console.WriteLine($"account activation, {storage}: statements of 100 and {longStatement:N0} lines written in {fill.Elapsed.TotalSeconds:F1} s (credits from {Payers} payers, group-committed)");

        foreach (var (account, lines) in new[] { (shortAccount, 100), (longAccount, longStatement) })
        {
            var activation = await TimeAsync(async () =>
            {
                await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                var started = Stopwatch.GetTimestamp();
                await grains.GetGrain<IAccountGrain>(account).GetBalances();
                return Stopwatch.GetElapsedTime(started);
            });
            var snapshot = await TimeAsync(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await store.LoadBalancesAsync(account);
                return Stopwatch.GetElapsedTime(started);
            });
            var line = $"  {lines,7:N0} lines: activation + first call p50 {activation.P50:F2} ms, p90 {activation.P90:F2} ms; snapshot read p50 {snapshot.P50:F2} ms";
            if (await SumOfLinesAsync(storage, target) is { } sumOfLines)
            {
                var earlier = await TimeAsync(() => sumOfLines(account));
                line += $"; the earlier activation's sum over the lines p50 {earlier.P50:F2} ms";
            }
            Console.WriteLine(line);
        }
        await host.StopAsync();
    }

    /// <summary>Books <paramref name="lines"/> one-fen credits to the account, from payers that pay like grains (one commit in flight each).</summary>
    private static async Task CreditAsync(ILedgerStore store, string account, int lines)
    {
        var payers = Enumerable.Range(0, Payers).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        await Parallel.ForAsync(0, Payers, new ParallelOptions { MaxDegreeOfParallelism = Payers }, async (p, _) =>
        {
            var at = DateTimeOffset.UtcNow;
            var payer = payers[p];
            await Commit(store, new LedgerCommit(Posting.Move($"deposit:{Guid.NewGuid():N}", PostingKind.Deposit, (AccountId.External, Bucket.Available), (payer, Bucket.Available), new Money(lines), "fund"),
                new AccountFence(payer, 0), null, Guid.Empty, at));
            for (long version = 1, i = p; i < lines; i += Payers, version++)
            {
                var id = Guid.NewGuid();
                await Commit(store, new LedgerCommit(
                    Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Transfer), PostingKind.Transfer, (payer, Bucket.Available), (account, Bucket.Available), new Money(1), "bench", id),
                    new AccountFence(payer, version), new TransferRecord(id, payer, account, 1, TransferMode.Immediate, TransferStatus.Settled, "bench", Guid.Empty, "bench", at, at), Guid.Empty, at));
            }
        });
    }

    private static async Task Commit(ILedgerStore store, LedgerCommit commit)
    {
        if (await store.CommitAsync(commit) != CommitOutcome.Committed)
        {
            throw new InvalidOperationException($"Filling the statement failed at {commit.Posting.PostingId}.");
        }
    }

    private static async Task<(double P50, double P90)> TimeAsync(Func<Task<TimeSpan>> once)
    {
        await once(); // warm the path (JIT, connection pool, statement preparation)
        var samples = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            samples.Add((await once()).TotalMilliseconds);
        }
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.9)]);
    }

    /// <summary>The query every activation ran before the snapshots: the account's lines summed by bucket.</summary>
    private static Task<Func<string, Task<TimeSpan>>?> SumOfLinesAsync(string storage, string target)
    {
        Func<DbConnection>? open = storage switch
        {
            "PostgreSql" => () => new NpgsqlConnection(target),
            "Sqlite" => () => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(target, EmbeddedDatabase.FileName) }.ConnectionString),
            _ => null,
        };
        if (open is null)
        {
            return Task.FromResult<Func<string, Task<TimeSpan>>?>(null);
        }
        return Task.FromResult<Func<string, Task<TimeSpan>>?>(async account =>
        {
            await using var connection = open();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT bucket, SUM(amount_fen) FROM exchange_posting_lines WHERE account_id = @a GROUP BY bucket";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "a";
            parameter.Value = account;
            command.Parameters.Add(parameter);
            var started = Stopwatch.GetTimestamp();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
            return Stopwatch.GetElapsedTime(started);
        });
    }
}
