using Exchange.Grains.Audit;
using Exchange.Grains.Common;
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
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(new LedgerCommit(posting, new AccountFence(payer, 0), null, new AuditEntry("posting:" + id, "account:" + payer, "distribution", Guid.Empty, at, ""), at)));
        Assert.Equal(CommitOutcome.DuplicatePosting, await _store.CommitAsync(new LedgerCommit(posting, new AccountFence(payer, 1), null, new AuditEntry("posting:" + id, "account:" + payer, "distribution", Guid.Empty, at, ""), at)));
        Assert.Equal((-1_001L, 501L, 500L), ((await _store.LoadBalancesAsync(payer)).AvailableFen, (await _store.LoadBalancesAsync(a)).AvailableFen, (await _store.LoadBalancesAsync(b)).AvailableFen));
    }

    [Fact]
    public async Task GroupCommit_WithADuplicateAndAStaleFenceAmongMany_BooksEveryOtherCommitOnce()
    {
        var at = DateTimeOffset.UtcNow;
        LedgerCommit Deposit(string account, string postingId, long expected) => new(
            Posting.Move(postingId, PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(100), "batch"),
            new AccountFence(account, expected), null, new AuditEntry("posting:" + postingId, "account:" + account, "deposit", Guid.Empty, at, ""), at);

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
}
