using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;

namespace Exchange.Tests.Ledger;

/// <summary>
/// What every <see cref="IExchangeStore"/> must do, run against memory, SQLite and PostgreSQL alike, so the
/// in-memory store used by fast tests cannot drift from the databases the exchange really runs on.
/// </summary>
public abstract class ExchangeStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    protected abstract IExchangeStore Store { get; }

    private static string NewAccount() => AccountId.ForParticipant(Guid.NewGuid());

    private static LedgerCommit Deposit(string account, long fen, long expectedVersion, string? postingId = null)
    {
        var id = postingId ?? "deposit:" + Guid.NewGuid().ToString("N");
        return new LedgerCommit(
            Posting.Move(id, PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(fen), "test"),
            new AccountFence(account, expectedVersion), null,
            new AuditEntry("posting:" + id, "account:" + account, "deposit", Guid.Empty, At, "test"), At);
    }

    [Fact]
    public async Task Commit_BooksTheLines_AndBalancesFollow()
    {
        var account = NewAccount();
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Deposit(account, 1_000, 0)));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Deposit(account, 250, 1)));
        var balances = await Store.LoadBalancesAsync(account);
        Assert.Equal(new AccountBalances(1_250, 0, 2), balances);
    }

    [Fact]
    public async Task SamePostingTwice_IsBookedOnce()
    {
        var account = NewAccount();
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Deposit(account, 700, 0, "deposit:once-" + account)));
        Assert.Equal(CommitOutcome.DuplicatePosting, await Store.CommitAsync(Deposit(account, 700, 1, "deposit:once-" + account)));
        Assert.Equal(700, (await Store.LoadBalancesAsync(account)).AvailableFen);
    }

    [Fact]
    public async Task StaleFence_IsRefused_AndNothingIsBooked()
    {
        var account = NewAccount();
        await Store.CommitAsync(Deposit(account, 100, 0));
        Assert.Equal(CommitOutcome.FenceLost, await Store.CommitAsync(Deposit(account, 100, 0)));
        Assert.Equal(CommitOutcome.FenceLost, await Store.CommitAsync(Deposit(account, 100, 5)));
        var balances = await Store.LoadBalancesAsync(account);
        Assert.Equal(100, balances.AvailableFen);
        Assert.Equal(1, balances.Version);
    }

    [Fact]
    public async Task TransferRow_IsWrittenWithItsPosting_AndFoundAsReservedUntilSettled()
    {
        var payer = NewAccount();
        var payee = NewAccount();
        await Store.CommitAsync(Deposit(payer, 5_000, 0));
        var id = Guid.NewGuid();
        var reserved = new TransferRecord(id, payer, payee, 1_200, TransferMode.Immediate, TransferStatus.FundsReserved, "h", Guid.Empty, "m", At, At);
        await Store.CommitAsync(new LedgerCommit(
            Posting.Move($"{id:N}:reserve", PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(1_200), "m", id),
            new AccountFence(payer, 1), reserved, new AuditEntry($"posting:{id:N}:reserve", $"transfer:{id:N}", "transfer-reserved", Guid.Empty, At, ""), At));

        Assert.Equal(reserved, await Store.LoadTransferAsync(id));
        Assert.Contains(reserved, await Store.LoadReservationsAsync(payer));
        Assert.Contains(id, await Store.FindStalledTransfersAsync(At.AddSeconds(1), 100));
        Assert.DoesNotContain(id, await Store.FindStalledTransfersAsync(At, 100));

        var settled = reserved with { Status = TransferStatus.Settled, UpdatedAt = At.AddSeconds(1) };
        await Store.CommitAsync(new LedgerCommit(
            Posting.Move($"{id:N}:settle", PostingKind.Settle, (payer, Bucket.Reserved), (payee, Bucket.Available), new Money(1_200), "m", id),
            new AccountFence(payer, 2), settled, new AuditEntry($"posting:{id:N}:settle", $"transfer:{id:N}", "transfer-settled", Guid.Empty, At, ""), At));

        Assert.Equal(TransferStatus.Settled, (await Store.LoadTransferAsync(id))!.Status);
        Assert.Empty(await Store.LoadReservationsAsync(payer));
        Assert.DoesNotContain(id, await Store.FindStalledTransfersAsync(At.AddDays(1), 1000));
        Assert.Equal(new AccountBalances(3_800, 0, 3), await Store.LoadBalancesAsync(payer));
        Assert.Equal(1_200, (await Store.LoadBalancesAsync(payee)).AvailableFen);
        Assert.Equal(2, (await Store.ReadAuditAsync($"transfer:{id:N}", 0, 10)).Entries.Count);
    }

    [Fact]
    public async Task Statement_PagesByCursor_WithoutGapsOrRepeats()
    {
        var account = NewAccount();
        for (var i = 0; i < 7; i++)
        {
            await Store.CommitAsync(Deposit(account, 100 + i, i));
        }
        var seen = new List<long>();
        long cursor = 0;
        do
        {
            var page = await Store.ReadStatementAsync(account, cursor, 3);
            seen.AddRange(page.Lines.Select(l => l.AmountFen));
            Assert.True(page.Lines.Count <= 3);
            cursor = page.NextCursor ?? -1;
        }
        while (cursor >= 0);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => 100L + i), seen);
    }

    [Fact]
    public async Task TrialBalance_IsZero_AfterBalancedPostings()
    {
        await Store.CommitAsync(Deposit(NewAccount(), 12_345, 0));
        var trial = await Store.ComputeTrialBalanceAsync();
        Assert.Equal(0, trial.TotalFen);
        Assert.Equal(-trial.ExternalFen, trial.ParticipantAvailableFen + trial.ParticipantReservedFen + trial.PlatformEscrowFen);
    }

    [Fact]
    public async Task AuditEntry_WithTheSameId_IsKeptOnce()
    {
        var objectId = "participant:" + Guid.NewGuid().ToString("N");
        var entry = new AuditEntry("e-" + objectId, objectId, "registered", Guid.NewGuid(), At, "details");
        await Store.AppendAuditAsync(entry);
        await Store.AppendAuditAsync(entry);
        var page = await Store.ReadAuditAsync(objectId, 0, 10);
        Assert.Equal([entry], page.Entries);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task IdempotencyRecord_FirstWriterWins()
    {
        var scope = Guid.NewGuid().ToString("N");
        var first = new IdempotencyRecord(scope, "k", "hash-1", 201, "{\"a\":1}", "/x", At);
        Assert.Equal(first, await Store.SaveIdempotencyRecordAsync(first));
        Assert.Equal(first, await Store.SaveIdempotencyRecordAsync(first with { RequestHash = "hash-2", ResponseBody = "{}" }));
        Assert.Equal(first, await Store.FindIdempotencyRecordAsync(scope, "k"));
        Assert.Null(await Store.FindIdempotencyRecordAsync(scope, "other"));
    }
}

public sealed class InMemoryExchangeStoreTests : ExchangeStoreContract
{
    protected override IExchangeStore Store { get; } = new InMemoryExchangeStore();
}

public sealed class SqliteExchangeStoreTests : ExchangeStoreContract, IAsyncLifetime
{
    private readonly string _path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"exchange-test-{Guid.NewGuid():N}.db");
    private SqlExchangeStore _store = null!;

    protected override IExchangeStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = new SqlExchangeStore(SqlDialect.CreateSqliteDataSource(_path), SqlDialect.Sqlite);
        await _store.EnsureSchemaAsync();
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
