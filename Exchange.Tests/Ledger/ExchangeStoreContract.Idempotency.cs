using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

/// <summary>The Idempotency-Key record committed in the ledger's own transaction, completed later, expired at last.</summary>
public abstract partial class ExchangeStoreContract
{
    /// <summary>Older than anything other tests of a shared database write, so that their records are not counted.</summary>
    private static readonly DateTimeOffset LongAgo = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IdempotencyStamp Stamp(string hash = "hash-1") => new(Guid.NewGuid().ToString("N"), "key-" + Guid.NewGuid().ToString("N")[..8], hash);

    private static LedgerCommit Stamped(LedgerCommit commit, IdempotencyStamp stamp) => commit with { Idempotency = stamp };

    [Fact]
    public async Task StampedCommit_RecordsItsKeyWithTheMoney_AwaitingItsResponse()
    {
        var account = NewAccount();
        var stamp = Stamp();
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Stamped(Deposit(account, 400, 0), stamp)));

        var record = await Store.FindIdempotencyRecordAsync(stamp.Scope, stamp.Key);
        Assert.NotNull(record);
        Assert.True(record.IsAwaitingResponse);
        Assert.Equal((stamp.RequestHash, At), (record.RequestHash, record.CreatedAt));
    }

    [Fact]
    public async Task SameKey_ForADifferentRequest_IsRefused_AndNothingOfItIsWritten()
    {
        var (first, second) = (NewAccount(), NewAccount());
        var stamp = Stamp("hash-1");
        await Store.CommitAsync(Stamped(Deposit(first, 400, 0), stamp));

        // Another command (another posting, another account) under the same key and another body.
        Assert.Equal(CommitOutcome.IdempotencyKeyReused, await Store.CommitAsync(Stamped(Deposit(second, 999, 0), stamp with { RequestHash = "hash-2" })));
        Assert.Equal(AccountBalances.None, await Store.LoadBalancesAsync(second));
        Assert.Empty((await Store.ReadStatementAsync(second, 0, 10)).Lines);
        Assert.Equal("hash-1", (await Store.FindIdempotencyRecordAsync(stamp.Scope, stamp.Key))!.RequestHash);
    }

    [Fact]
    public async Task SameKeyAndRequest_Again_IsADuplicate_BookedOnce()
    {
        var account = NewAccount();
        var stamp = Stamp();
        var postingId = "deposit:" + Guid.NewGuid().ToString("N");
        await Store.CommitAsync(Stamped(Deposit(account, 400, 0, postingId), stamp));
        Assert.Equal(CommitOutcome.DuplicatePosting, await Store.CommitAsync(Stamped(Deposit(account, 400, 1, postingId), stamp)));
        Assert.Equal(new AccountBalances(400, 0, 1), await Store.LoadBalancesAsync(account));
    }

    [Fact]
    public async Task KeyWhoseRecordExpired_ReusedForItsBookedPosting_IsRefused_ButATransferStillAnswers()
    {
        var account = NewAccount();
        var stamp = Stamp();
        var postingId = "deposit:" + Guid.NewGuid().ToString("N");
        await Store.CommitAsync(Stamped(Deposit(account, 400, 0, postingId), stamp));
        var transfer = Pay(account, NewAccount(), 100, 1);
        var transferStamp = Stamp();
        await Store.CommitAsync(Stamped(transfer, transferStamp));
        Assert.True(await Store.PurgeIdempotencyRecordsAsync(At.AddSeconds(1), 1_000) >= 2);

        // The derived posting id is taken and the key has no record: whatever the body, it cannot be applied.
        Assert.Equal(CommitOutcome.IdempotencyKeyReused, await Store.CommitAsync(Stamped(Deposit(account, 999, 2, postingId), stamp with { RequestHash = "other" })));
        // A transfer's row keeps its request hash, which its grain compares: a repeat is answered from the row.
        Assert.Equal(CommitOutcome.DuplicatePosting, await Store.CommitAsync(Stamped(transfer with { Fence = new AccountFence(account, 2) }, transferStamp)));
        Assert.Equal(new AccountBalances(300, 0, 2), await Store.LoadBalancesAsync(account));
    }

    [Fact]
    public async Task AwaitingRecord_IsCompletedByItsOwnRequestsResponse_NotByAnotherRequest()
    {
        var stamp = Stamp("hash-1");
        await Store.CommitAsync(Stamped(Deposit(NewAccount(), 400, 0), stamp));

        var impostor = new IdempotencyRecord(stamp.Scope, stamp.Key, "hash-2", 200, "{\"other\":true}", null, At.AddSeconds(5));
        var (stored, storedNow) = await Store.SaveIdempotencyRecordAsync(impostor);
        Assert.False(storedNow);
        Assert.True(stored.IsAwaitingResponse);
        Assert.Equal("hash-1", stored.RequestHash);

        var response = new IdempotencyRecord(stamp.Scope, stamp.Key, "hash-1", 200, "{\"available\":4}", null, At.AddSeconds(5));
        var completed = await Store.SaveIdempotencyRecordAsync(response);
        Assert.Equal(new IdempotencySave(response with { CreatedAt = At }, StoredNow: true), completed);
        Assert.Equal(completed.Stored, await Store.FindIdempotencyRecordAsync(stamp.Scope, stamp.Key));
        // Completed once: a second response (a concurrent copy's) does not replace the first, and is told so.
        Assert.Equal(completed with { StoredNow = false }, await Store.SaveIdempotencyRecordAsync(response with { ResponseBody = "{\"available\":5}" }));
    }

    [Fact]
    public async Task Purge_DeletesOnlyRecordsOlderThanTheCutoff_AtMostABatchAtATime()
    {
        var scope = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 5; i++)
        {
            await Store.SaveIdempotencyRecordAsync(new IdempotencyRecord(scope, $"old-{i}", "h", 201, "{}", null, LongAgo.AddDays(-3)));
        }
        await Store.SaveIdempotencyRecordAsync(new IdempotencyRecord(scope, "young", "h", 201, "{}", null, LongAgo));

        Assert.Equal(2, await Store.PurgeIdempotencyRecordsAsync(LongAgo.AddDays(-1), 2));
        Assert.Equal(3, await Store.PurgeIdempotencyRecordsAsync(LongAgo.AddDays(-1), 1_000));
        Assert.Equal(0, await Store.PurgeIdempotencyRecordsAsync(LongAgo.AddDays(-1), 1_000));
        Assert.NotNull(await Store.FindIdempotencyRecordAsync(scope, "young"));
        Assert.Null(await Store.FindIdempotencyRecordAsync(scope, "old-0"));
    }
}
