using Exchange.Benchmarks.Licenses;
using Exchange.Benchmarks.Navigation;
using Exchange.Benchmarks.Transfers;

// Benchmarks of the exchange; scripts/benchmark.sh runs them all with PostgreSQL and pgbench beside them.
//   inproc memory|postgres [connection-string] [transfers] [concurrency] [participants]
//   store <connection-string> [transfers] [concurrency] [group-commit writers]
//   http <api-url> [transfers] [concurrency] [participants]
//   patent-heap [patents]
//   royalty memory [licences] [concurrency] | royalty postgres <connection-string> [licences] [concurrency]
//   nav-seed <connection-string> <cluster-id> [patents] [listings]
//   nav-load <api-url> [requests] [concurrency]
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
    case "store":
        await StoreCommitBenchmark.RunAsync(args[1], Arg(2, 30_000), Arg(3, 64), Arg(4, 4));
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
    case "http":
        await HttpTransferLoad.RunAsync(new Uri(args[1]), Arg(2, 20_000), Arg(3, 32), Arg(4, 200));
        break;
    default:
        Console.Error.WriteLine("usage: inproc memory [transfers] [concurrency] [participants] | inproc postgres <cs> [transfers] [concurrency] [participants] | http <url> [transfers] [concurrency] [participants]");
        return 2;
}
return 0;
