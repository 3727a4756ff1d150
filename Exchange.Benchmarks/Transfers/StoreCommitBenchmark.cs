using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// The ledger store alone, no Orleans: the one commit of an immediate transfer, written straight to PostgreSQL or
/// SQLite through the group-commit path. The gap between this and the in-process figure is Orleans' share.
/// </summary>
public static class StoreCommitBenchmark
{
    public static async Task RunPostgreSqlAsync(string connectionString, int transfers, int concurrency, int batchWriters)
    {
        await using var store = ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(connectionString, batchWriters);
        await RunAsync(store, $"ledger store alone (one commit per transfer), PostgreSQL, concurrency {concurrency}, {batchWriters} group-commit writers", transfers, concurrency);
    }

    public static async Task RunSqliteAsync(string directory, int transfers, int concurrency)
    {
        var database = EmbeddedDatabase.Prepare(directory);
        await using var store = database.Store;
        await RunAsync(store, $"ledger store alone (one commit per transfer), SQLite, concurrency {concurrency}, one writer", transfers, concurrency);
        database.File.Dispose();
    }

    private static async Task RunAsync(IExchangeStore store, string name, int transfers, int concurrency)
    {
        var accounts = Enumerable.Range(0, concurrency).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var versions = new long[concurrency];
        var slots = Enumerable.Range(0, concurrency).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        foreach (var (account, slot) in accounts.Select((a, i) => (a, i)))
        {
            await Commit(store, new LedgerCommit(Posting.Move($"deposit:{Guid.NewGuid():N}", PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(1_000_000_000), "fund"),
                new AccountFence(account, 0), null, Guid.Empty, DateTimeOffset.UtcNow), versions, slot);
        }
        async Task TransferAsync(int i)
        {
            // One account per worker slot, so fences advance in order like a single account grain's would.
            var slot = i % concurrency;
            await slots[slot].WaitAsync();
            try
            {
                var id = Guid.NewGuid();
                var at = DateTimeOffset.UtcNow;
                var payer = accounts[slot];
                var payee = accounts[(slot + 1) % concurrency];
                var record = new TransferRecord(id, payer, payee, 100, TransferMode.Immediate, TransferStatus.Settled, "h", Guid.Empty, "bench", at, at);
                await Commit(store, new LedgerCommit(Posting.Move($"{id:N}:transfer", PostingKind.Transfer, (payer, Bucket.Available), (payee, Bucket.Available), new Money(100), "bench", id),
                    new AccountFence(payer, versions[slot]), record, Guid.Empty, at), versions, slot);
            }
            finally
            {
                slots[slot].Release();
            }
        }

        await LatencyRecorder.WarmUpAsync(LatencyRecorder.WarmUpTime, concurrency, TransferAsync);
        var recorder = new LatencyRecorder();
        var cpu = new CpuMeter();
        var wall = await LatencyRecorder.RunAsync(transfers, concurrency, TransferAsync, recorder);
        Console.WriteLine(recorder.Report(name, wall));
        Console.WriteLine(cpu.Report(transfers, wall));
    }

    private static async Task Commit(IExchangeStore store, LedgerCommit commit, long[] versions, int slot)
    {
        var outcome = await store.CommitAsync(commit);
        if (outcome != CommitOutcome.Committed)
        {
            throw new InvalidOperationException(outcome.ToString());
        }
        versions[slot]++;
    }
}
