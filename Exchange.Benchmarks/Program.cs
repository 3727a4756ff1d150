using Exchange.Benchmarks.Ledger;
using Exchange.Benchmarks.Licenses;
using Exchange.Benchmarks.Navigation;
using Exchange.Benchmarks.Pledges;
using Exchange.Benchmarks.Pools;
using Exchange.Benchmarks.Transfers;

// Benchmarks of the exchange; scripts/benchmark.sh runs them all with PostgreSQL and pgbench beside them.
//   inproc memory|postgres [connection-string] [transfers] [concurrency] [participants]
//   inproc sqlite <data-directory> [transfers] [concurrency] [participants]
//   activation sqlite <data-directory> [lines] | activation postgres <connection-string> [lines]
//   sqlite-commit <directory> [seconds]
//   trial-balance <api-url> [requests] [concurrency]
//   store <connection-string> [transfers] [concurrency] [group-commit writers]
//   store-sqlite <data-directory> [transfers] [concurrency]
//   http <api-url> [transfers] [concurrency] [participants]
//   patent-heap [patents]
//   royalty memory [licences] [concurrency] | royalty postgres <connection-string> [licences] [concurrency]
//   nav-seed <connection-string> <cluster-id> [patents] [listings]
//   nav-load <api-url> [requests] [concurrency]
//   pledges memory [pledges] [concurrency] | pledges postgres <connection-string> [pledges] [concurrency]
//   pools memory [investors] [repetitions] [concurrency] [pools] [rounds] | pools postgres <connection-string> [investors] [repetitions] [concurrency] [pools] [rounds]
//   pool-engine [BenchmarkDotNet arguments]   (the waterfall and the holder split of one period, 10,000 holders)
var mode = args.ElementAtOrDefault(0);
int Arg(int index, int fallback) => int.TryParse(args.ElementAtOrDefault(index), out var value) ? value : fallback;

switch (mode)
{
    case "inproc" when args.ElementAtOrDefault(1) == "memory":
        await InProcessTransferBenchmark.RunAsync("Memory", null, Arg(2, 50_000), Arg(3, 32), Arg(4, 200));
        break;
    case "inproc" when args.ElementAtOrDefault(1) == "postgres":
        await InProcessTransferBenchmark.RunAsync("PostgreSql", args[2], Arg(3, 20_000), Arg(4, 32), Arg(5, 200));
        break;
    case "inproc" when args.ElementAtOrDefault(1) == "sqlite":
        await InProcessTransferBenchmark.RunAsync("Sqlite", args[2], Arg(3, 20_000), Arg(4, 32), Arg(5, 200));
        break;
    case "activation" when args.ElementAtOrDefault(1) == "sqlite":
        await AccountActivationBenchmark.RunAsync("Sqlite", args[2], Arg(3, 100_000));
        break;
    case "activation" when args.ElementAtOrDefault(1) == "postgres":
        await AccountActivationBenchmark.RunAsync("PostgreSql", args[2], Arg(3, 100_000));
        break;
    case "sqlite-commit":
        SqliteCommitBenchmark.Run(args[1], Arg(2, 15));
        break;
    case "trial-balance":
        await TrialBalanceLoad.RunAsync(new Uri(args[1]), Arg(2, 2_000), Arg(3, 16));
        break;
    case "store":
        await StoreCommitBenchmark.RunPostgreSqlAsync(args[1], Arg(2, 30_000), Arg(3, 64), Arg(4, 4));
        break;
    case "store-sqlite":
        await StoreCommitBenchmark.RunSqliteAsync(args[1], Arg(2, 30_000), Arg(3, 64));
        break;
    case "patent-heap":
        await PatentHeapBenchmark.RunAsync(Arg(1, 20_000));
        break;
    case "nav-seed":
        await NavigationSeed.RunAsync(args[1], args[2], Arg(3, 100_000), Arg(4, 20_000));
        break;
    case "nav-load":
        await NavigationLoad.RunAsync(new Uri(args[1]), Arg(2, 20_000), Arg(3, 16));
        break;
    case "royalty" when args.ElementAtOrDefault(1) == "memory":
        await RoyaltyBenchmark.RunAsync("Memory", null, Arg(2, 10_000), Arg(3, 64));
        break;
    case "royalty" when args.ElementAtOrDefault(1) == "postgres":
        await RoyaltyBenchmark.RunAsync("PostgreSql", args[2], Arg(3, 10_000), Arg(4, 64));
        break;
    case "pledges" when args.ElementAtOrDefault(1) == "memory":
        await PledgePortfolioBenchmark.RunAsync("Memory", null, Arg(2, 10_000), Arg(3, 32));
        break;
    case "pledges" when args.ElementAtOrDefault(1) == "postgres":
        await PledgePortfolioBenchmark.RunAsync("PostgreSql", args[2], Arg(3, 10_000), Arg(4, 32));
        break;
    case "pools" when args.ElementAtOrDefault(1) == "memory":
        await PoolLoadBenchmark.RunAsync("Memory", null, Arg(2, 10_000), Arg(3, 5), Arg(4, 16), Arg(5, 4), Arg(6, 3));
        break;
    case "pools" when args.ElementAtOrDefault(1) == "postgres":
        await PoolLoadBenchmark.RunAsync("PostgreSql", args[2], Arg(3, 10_000), Arg(4, 5), Arg(5, 16), Arg(6, 4), Arg(7, 3));
        break;
    case "pool-engine":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<PoolEngineBenchmark>(args: args[1..]);
        break;
    case "http":
        await HttpTransferLoad.RunAsync(new Uri(args[1]), Arg(2, 20_000), Arg(3, 32), Arg(4, 200));
        break;
    default:
        Console.Error.WriteLine("usage: inproc memory|postgres <cs>|sqlite <dir> [transfers] [concurrency] [participants] | http <url> [transfers] [concurrency] [participants] | " +
            "activation sqlite <dir>|postgres <cs> [lines] | sqlite-commit <dir> [seconds] | trial-balance <url> [requests] [concurrency] | store <cs> ...");
        return 2;
}
return 0;
