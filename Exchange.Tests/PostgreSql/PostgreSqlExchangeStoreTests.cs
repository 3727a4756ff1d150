using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Ledger;

namespace Exchange.Tests.PostgreSql;

public sealed class PostgreSqlExchangeStoreTests(PostgresFixture postgres) : ExchangeStoreContract, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SqlExchangeStore _store = null!;

    protected override IExchangeStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = postgres.CreateStore();
        // The schema is safe to re-run.
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task GroupCommit_BooksPostingsOfManyLines()
    {
        var at = DateTimeOffset.UtcNow;
        var (payer, a, b) = (AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()));
        var id = "royalty:" + Guid.NewGuid().ToString("N");
        var posting = new Posting(id, PostingKind.Distribution, [new(payer, Bucket.Available, -1_001), new(a, Bucket.Available, 501), new(b, Bucket.Available, 500)], "split", null);
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(new LedgerCommit(posting, new AccountFence(payer, 0), null, Guid.Empty, at, new AuditEntry("posting:" + id, "account:" + payer, "distribution", Guid.Empty, at, ""))));
        Assert.Equal(CommitOutcome.DuplicatePosting, await _store.CommitAsync(new LedgerCommit(posting, new AccountFence(payer, 1), null, Guid.Empty, at, new AuditEntry("posting:" + id, "account:" + payer, "distribution", Guid.Empty, at, ""))));
        Assert.Equal((-1_001L, 501L, 500L), ((await _store.LoadBalancesAsync(payer)).AvailableFen, (await _store.LoadBalancesAsync(a)).AvailableFen, (await _store.LoadBalancesAsync(b)).AvailableFen));
    }

    [Fact]
    public async Task GroupCommit_WithADuplicateAndAStaleFenceAmongMany_BooksEveryOtherCommitOnce()
    {
        var at = DateTimeOffset.UtcNow;
        LedgerCommit Deposit(string account, string postingId, long expected) => new(
            Posting.Move(postingId, PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(100), "batch"),
            new AccountFence(account, expected), null, Guid.Empty, at, new AuditEntry("posting:" + postingId, "account:" + account, "deposit", Guid.Empty, at, ""));

        var accounts = Enumerable.Range(0, 300).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var duplicateId = "deposit:dup-" + Guid.NewGuid().ToString("N");
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(accounts[0], duplicateId, 0)));

        var commits = accounts.Select((account, i) => i switch
        {
            0 => Deposit(account, duplicateId, 1),          // the same posting again
            1 => Deposit(account, "deposit:" + Guid.NewGuid().ToString("N"), 7), // a fence no activation holds
            _ => Deposit(account, "deposit:" + Guid.NewGuid().ToString("N"), 0),
        }).ToArray();
        var outcomes = await Task.WhenAll(commits.Select(c => _store.CommitAsync(c)));

        Assert.Equal(CommitOutcome.DuplicatePosting, outcomes[0]);
        Assert.Equal(CommitOutcome.FenceLost, outcomes[1]);
        Assert.All(outcomes.Skip(2), o => Assert.Equal(CommitOutcome.Committed, o));
        Assert.Equal(100, (await _store.LoadBalancesAsync(accounts[0])).AvailableFen);
        Assert.Equal(0, (await _store.LoadBalancesAsync(accounts[1])).AvailableFen);
        Assert.All(accounts.Skip(2), a => Assert.Equal(100, _store.LoadBalancesAsync(a).Result.AvailableFen));
        Assert.Equal(0, (await _store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task GroupCommit_OfTransferStepsBesideDeposits_WritesEachOnce_AndRefusesASecondWriterOfOneAccount()
    {
        var at = DateTimeOffset.UtcNow;
        var payers = Enumerable.Range(0, 120).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var payee = AccountId.ForParticipant(Guid.NewGuid());
        foreach (var payer in payers)
        {
            await _store.CommitAsync(new LedgerCommit(
                Posting.Move("deposit:" + Guid.NewGuid().ToString("N"), PostingKind.Deposit, (AccountId.External, Bucket.Available), (payer, Bucket.Available), new Money(1_000), "fund"),
                new AccountFence(payer, 0), null, Guid.Empty, at, new AuditEntry("posting:fund-" + payer, "account:" + payer, "deposit", Guid.Empty, at, "")));
        }

        var actor = Guid.NewGuid();
        LedgerCommit Reserve(string payer, Guid transferId) => new(
            Posting.Move(TransferAuditTrail.PostingId(transferId, PostingKind.Reserve), PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(300), "m", transferId),
            new AccountFence(payer, 1),
            new TransferRecord(transferId, payer, payee, 300, TransferMode.Immediate, TransferStatus.FundsReserved, "h", actor, "m", at, at),
            actor, at);
        var transferIds = payers.Select(_ => Guid.NewGuid()).ToArray();
        // The last commit is a second writer of the first payer's account, from the same version: it must lose.
        var commits = payers.Select((payer, i) => Reserve(payer, transferIds[i])).Append(Reserve(payers[0], Guid.NewGuid())).ToArray();
        var outcomes = await Task.WhenAll(commits.Select(c => _store.CommitAsync(c)));

        Assert.Equal(1, outcomes.Count(o => o == CommitOutcome.FenceLost));
        Assert.Equal(payers.Length, outcomes.Count(o => o == CommitOutcome.Committed));
        Assert.Equal(new AccountBalances(700, 300, 2), await _store.LoadBalancesAsync(payers[0]));
        foreach (var (payer, transferId) in payers.Zip(transferIds).Skip(1))
        {
            Assert.Equal(new AccountBalances(700, 300, 2), await _store.LoadBalancesAsync(payer));
            Assert.Equal(TransferStatus.FundsReserved, (await _store.LoadTransferAsync(transferId))!.Status);
            var trail = await _store.ReadAuditAsync(TransferAuditTrail.ObjectId(transferId), 0, 10);
            Assert.Equal(actor, Assert.Single(trail.Entries).ActorId);
        }
        Assert.Equal(0, (await _store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task IdempotencyRecords_SavedConcurrently_KeepOneRecordPerKey_AndEveryCallerGetsThatOne()
    {
        var at = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero); // whole seconds: the database keeps microseconds
        var scope = Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 60).Select(i => $"key-{i}").ToArray();
        // Three copies per key with different bodies, all in flight at once, so batches hold rivals for one key.
        var saves = keys.SelectMany(key => Enumerable.Range(0, 3).Select(copy =>
            _store.SaveIdempotencyRecordAsync(new IdempotencyRecord(scope, key, $"hash-{copy}", 201, $"{{\"copy\":{copy}}}", copy == 0 ? $"/x/{key}" : null, at))))
            .ToArray();
        var results = await Task.WhenAll(saves);

        foreach (var key in keys)
        {
            var stored = await _store.FindIdempotencyRecordAsync(scope, key);
            Assert.NotNull(stored);
            var ofKey = results.Where(r => r.Stored.Key == key).ToArray();
            Assert.All(ofKey, r => Assert.Equal(stored, r.Stored));
            Assert.Single(ofKey, r => r.StoredNow);
        }
        var finds = await Task.WhenAll(keys.Append("never-used").Select(key => _store.FindIdempotencyRecordAsync(scope, key)));
        Assert.Equal(keys.Length, finds.Count(f => f is not null));
        Assert.Null(finds[^1]);
    }

    [Fact]
    public async Task GroupCommit_WithOnlyStaleFencesWrong_RefusesThoseAndBooksTheRest()
    {
        var at = DateTimeOffset.UtcNow;
        LedgerCommit Deposit(string account, long expected) => new(
            Posting.Move("deposit:" + Guid.NewGuid().ToString("N"), PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(100), "batch"),
            new AccountFence(account, expected), null, Guid.Empty, at);
        var accounts = Enumerable.Range(0, 200).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        foreach (var account in accounts.Take(100))
        {
            Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(account, 0)));
        }

        // No duplicate posting and no account twice: only the fences are wrong, for two commits among 200.
        var commits = accounts.Select((account, i) => i switch
        {
            0 => Deposit(account, 5),   // the fence row is at 1
            150 => Deposit(account, 7), // no fence row at all
            < 100 => Deposit(account, 1),
            _ => Deposit(account, 0),
        }).ToArray();
        var outcomes = await Task.WhenAll(commits.Select(c => _store.CommitAsync(c)));

        Assert.Equal(CommitOutcome.FenceLost, outcomes[0]);
        Assert.Equal(CommitOutcome.FenceLost, outcomes[150]);
        Assert.Equal(198, outcomes.Count(o => o == CommitOutcome.Committed));
        Assert.Equal(new AccountBalances(100, 0, 1), await _store.LoadBalancesAsync(accounts[0]));
        Assert.Equal(new AccountBalances(0, 0, 0), await _store.LoadBalancesAsync(accounts[150]));
        Assert.Equal(new AccountBalances(200, 0, 2), await _store.LoadBalancesAsync(accounts[1]));
        Assert.Equal(new AccountBalances(100, 0, 1), await _store.LoadBalancesAsync(accounts[151]));
        Assert.Equal(0, (await _store.ComputeTrialBalanceAsync()).TotalFen);
    }
}
