using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// The ledger store alone, no Orleans: the two commits of a transfer (reserve, settle) written straight to
/// PostgreSQL through the group-commit path. The gap between this and the in-process figure is Orleans' share.
/// </summary>
public static class StoreCommitBenchmark
{
    public static async Task RunAsync(string connectionString, int transfers, int concurrency, int batchWriters)
    {
        await using var store = ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(connectionString, batchWriters);
        var accounts = Enumerable.Range(0, concurrency).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var versions = new long[concurrency];
        var slots = Enumerable.Range(0, concurrency).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
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
                var record = new TransferRecord(id, payer, payee, 100, TransferMode.Immediate, TransferStatus.FundsReserved, "h", Guid.Empty, "bench", at, at);
                await Commit(store, Posting.Move($"{id:N}:reserve", PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(100), "bench", id), payer, versions, slot, record, at);
                await Commit(store, Posting.Move($"{id:N}:settle", PostingKind.Settle, (payer, Bucket.Reserved), (payee, Bucket.Available), new Money(100), "bench", id), payer, versions, slot, record with { Status = TransferStatus.Settled }, at);
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
        Console.WriteLine(recorder.Report($"ledger store alone (reserve + settle commits), concurrency {concurrency}, {batchWriters} group-commit writers", wall));
        Console.WriteLine(cpu.Report(transfers, wall));
    }

    private static async Task Commit(Grains.Storage.SqlExchangeStore store, Posting posting, string account, long[] versions, int slot, TransferRecord record, DateTimeOffset at)
    {
        var outcome = await store.CommitAsync(new LedgerCommit(posting, new AccountFence(account, versions[slot]), record, Guid.Empty, at));
        if (outcome != CommitOutcome.Committed)
        {
            throw new InvalidOperationException(outcome.ToString());
        }
        versions[slot]++;
    }
}
