using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;
using Exchange.Grains.Storage;

namespace Exchange.Tests.Ledger;

/// <summary>
/// What every <see cref="IExchangeStore"/> must do, run against memory, SQLite and PostgreSQL alike, so the
/// in-memory store used by fast tests cannot drift from the databases the exchange really runs on.
/// </summary>
public abstract partial class ExchangeStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    protected abstract IExchangeStore Store { get; }

    private static string NewAccount() => AccountId.ForParticipant(Guid.NewGuid());

    private static LedgerCommit Deposit(string account, long fen, long expectedVersion, string? postingId = null)
    {
        var id = postingId ?? "deposit:" + Guid.NewGuid().ToString("N");
        return new LedgerCommit(
            Posting.Move(id, PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(fen), "test"),
            new AccountFence(account, expectedVersion), null, Guid.Empty, At,
            new AuditEntry("posting:" + id, "account:" + account, "deposit", Guid.Empty, At, "test"));
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
        var requester = Guid.NewGuid();
        var reserved = new TransferRecord(id, payer, payee, 1_200, TransferMode.Immediate, TransferStatus.FundsReserved, "h", requester, "m", At, At);
        await Store.CommitAsync(new LedgerCommit(
            Posting.Move($"{id:N}:reserve", PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(1_200), "m", id),
            new AccountFence(payer, 1), reserved, requester, At));

        Assert.Equal(reserved, await Store.LoadTransferAsync(id));
        Assert.Contains(reserved, await Store.LoadReservationsAsync(payer));
        Assert.Contains(id, await Store.FindStalledTransfersAsync(At.AddSeconds(1), 100));
        Assert.DoesNotContain(id, await Store.FindStalledTransfersAsync(At, 100));

        var settled = reserved with { Status = TransferStatus.Settled, UpdatedAt = At.AddSeconds(1) };
        await Store.CommitAsync(new LedgerCommit(
            Posting.Move($"{id:N}:settle", PostingKind.Settle, (payer, Bucket.Reserved), (payee, Bucket.Available), new Money(1_200), "m", id),
            new AccountFence(payer, 2), settled, Guid.Empty, At.AddSeconds(1)));

        Assert.Equal(TransferStatus.Settled, (await Store.LoadTransferAsync(id))!.Status);
        Assert.Empty(await Store.LoadReservationsAsync(payer));
        Assert.DoesNotContain(id, await Store.FindStalledTransfersAsync(At.AddDays(1), 1000));
        Assert.Equal(new AccountBalances(3_800, 0, 3), await Store.LoadBalancesAsync(payer));
        Assert.Equal(1_200, (await Store.LoadBalancesAsync(payee)).AvailableFen);

        // The transfer's audit trail is its postings: who, what and when, in order, with nothing written twice.
        var trail = await Store.ReadAuditAsync($"transfer:{id:N}", 0, 10);
        Assert.Equal(["transfer-reserved", "transfer-settled"], trail.Entries.Select(e => e.Action));
        Assert.Equal([requester, Guid.Empty], trail.Entries.Select(e => e.ActorId));
        Assert.Equal([At, At.AddSeconds(1)], trail.Entries.Select(e => e.At));
        Assert.All(trail.Entries, e => Assert.Equal($"transfer:{id:N}", e.ObjectId));
        Assert.Contains(payee, trail.Entries[1].Details);
        Assert.Null(trail.NextCursor);

        var first = await Store.ReadAuditAsync($"transfer:{id:N}", 0, 1);
        Assert.Equal("transfer-reserved", Assert.Single(first.Entries).Action);
        var second = await Store.ReadAuditAsync($"transfer:{id:N}", first.NextCursor!.Value, 1);
        Assert.Equal("transfer-settled", Assert.Single(second.Entries).Action);
        Assert.Null(second.NextCursor);
        Assert.Empty((await Store.ReadAuditAsync($"transfer:{Guid.NewGuid():N}", 0, 10)).Entries);
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

    private static ListingIndexEntry Entry(string marker, DateTimeOffset at, string ipc, string text, LicenseType? type, long? price, Guid? owner = null, ListingStatus status = ListingStatus.Open) =>
        new(Guid.NewGuid(), status, Guid.NewGuid(), [owner ?? Guid.NewGuid()], ["201710601862.3"], [ipc, "Z99Z " + marker], text.ToLowerInvariant() + " " + marker, type, price, new DateOnly(2027, 1, 1), at);

    [Fact]
    public async Task NavigationSearch_FiltersByEveryCriterion_AndPagesNewestFirstWithoutGaps()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..10];
        var owner = Guid.NewGuid();
        var entries = new[]
        {
            Entry(marker, At.AddMinutes(1), "H01M 10/0562", "Solid electrolyte battery", LicenseType.Exclusive, 500_000, owner),
            Entry(marker, At.AddMinutes(2), "H01M 4/36", "Sodium cathode 100% safe", LicenseType.Ordinary, 50_000),
            Entry(marker, At.AddMinutes(2), "H01L 23/373", "Graphene heat spreader", null, 9_000_000),
            Entry(marker, At.AddMinutes(3), "A61K 31/00", "Battery-free insulin pump", LicenseType.Ordinary, 120_000, owner),
            Entry(marker, At.AddMinutes(4), "H01M 50/10", "Closed listing battery", LicenseType.Ordinary, 1, status: ListingStatus.Closed),
        };
        foreach (var entry in entries)
        {
            await Store.UpsertListingIndexAsync(entry);
        }
        async Task<Guid[]> Find(ListingQuery query) => (await Store.SearchListingsAsync(query with { Keyword = query.Keyword ?? marker })).Listings.Select(l => l.ListingId).ToArray();
        ListingQuery Open() => new(null, null, null, null, null, ListingStatus.Open, null, null, 50);

        Assert.Equal([entries[1].ListingId, entries[0].ListingId], await Find(Open() with { IpcPrefix = "h01m" }));
        Assert.Equal([entries[0].ListingId], await Find(Open() with { IpcPrefix = "H01M10" }));
        Assert.Equal(4, (await Find(Open())).Length);
        Assert.Equal([entries[1].ListingId], (await Store.SearchListingsAsync(Open() with { Keyword = "100% SAFE" })).Listings.Where(l => l.Text.Contains(marker)).Select(l => l.ListingId));
        Assert.DoesNotContain((await Store.SearchListingsAsync(Open() with { Keyword = "100_" })).Listings, l => l.Text.Contains(marker)); // "_" is literal, not a wildcard
        Assert.Equal([entries[3].ListingId, entries[1].ListingId], await Find(Open() with { LicenseType = LicenseType.Ordinary }));
        Assert.Equal([entries[3].ListingId, entries[1].ListingId], await Find(Open() with { MinPriceFen = 50_000, MaxPriceFen = 120_000 }));
        Assert.Equal([entries[3].ListingId, entries[0].ListingId], await Find(Open() with { OwnerId = owner }));
        Assert.Equal([entries[4].ListingId], await Find(Open() with { Status = ListingStatus.Closed }));

        var seen = new List<Guid>();
        ListingCursor? cursor = null;
        do
        {
            var page = await Store.SearchListingsAsync(Open() with { Keyword = marker, After = cursor, Limit = 1 });
            seen.AddRange(page.Listings.Select(l => l.ListingId));
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal(4, seen.Count);
        Assert.Equal(4, seen.Distinct().Count());
        Assert.Equal(entries[3].ListingId, seen[0]);
    }

    [Fact]
    public async Task ListingIndexUpsert_ReplacesTheRowOfTheSameListing()
    {
        var marker = "u" + Guid.NewGuid().ToString("N")[..10];
        var entry = Entry(marker, At, "G06F 17/30", "Search engine", null, 10);
        await Store.UpsertListingIndexAsync(entry);
        await Store.UpsertListingIndexAsync(entry with { Status = ListingStatus.Withdrawn });
        var query = new ListingQuery(null, marker, null, null, null, null, null, null, 10);
        var found = Assert.Single((await Store.SearchListingsAsync(query)).Listings);
        Assert.Equal(ListingStatus.Withdrawn, found.Status);
    }

    [Fact]
    public async Task Deals_AreRecordedOnce_AndReadByPeriodAndSubclass()
    {
        var subclass = "Y" + Random.Shared.Next(10, 99) + "Q";
        var deal = new DealRecord(Guid.NewGuid(), DealKind.Sale, "201710601862.3", subclass, 1_000, At);
        await Store.RecordDealAsync(deal);
        await Store.RecordDealAsync(deal);
        await Store.RecordDealAsync(deal with { DealId = Guid.NewGuid(), PriceFen = 3_000, CompletedAt = At.AddDays(40) });
        Assert.Equal([deal], await Store.ReadDealsAsync(subclass, At, At.AddDays(30)));
        Assert.Equal(2, (await Store.ReadDealsAsync(subclass[..2], At, At.AddDays(60))).Count);
        Assert.Empty(await Store.ReadDealsAsync(subclass, At.AddDays(-30), At));
    }

    [Fact]
    public async Task IdempotencyRecord_FirstWriterWins()
    {
        var scope = Guid.NewGuid().ToString("N");
        var first = new IdempotencyRecord(scope, "k", "hash-1", 201, "{\"a\":1}", "/x", At);
        Assert.Equal(new IdempotencySave(first, StoredNow: true), await Store.SaveIdempotencyRecordAsync(first));
        Assert.Equal(new IdempotencySave(first, StoredNow: false), await Store.SaveIdempotencyRecordAsync(first with { RequestHash = "hash-2", ResponseBody = "{}" }));
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
        _store = new SqlExchangeStore(new SqliteFile(_path), SqlDialect.Sqlite);
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
