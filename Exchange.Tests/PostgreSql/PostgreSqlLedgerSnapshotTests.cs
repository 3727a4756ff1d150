using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Npgsql;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// The balance snapshots under PostgreSQL's group commit: payees shared by concurrent batches (no deadlock, nothing
/// lost), keys recorded in the batch, the one-time backfill of a database written before the snapshots, and the
/// verification naming an account that drifted. A database of their own: two tests here rewrite the snapshot table.
/// </summary>
public sealed class PostgreSqlLedgerSnapshotTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SqlExchangeStore _store = null!;

    public Task InitializeAsync()
    {
        _store = postgres.CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static LedgerCommit Deposit(string account, long fen, long expected, IdempotencyStamp? stamp = null) => new(
        Posting.Move("deposit:" + Guid.NewGuid().ToString("N"), PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(fen), "fund"),
        new AccountFence(account, expected), null, Guid.Empty, DateTimeOffset.UtcNow, null, stamp);

    private static LedgerCommit Pay(string payer, string payee, long fen, long expected, IdempotencyStamp? stamp = null)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        return new LedgerCommit(
            Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Transfer), PostingKind.Transfer, (payer, Bucket.Available), (payee, Bucket.Available), new Money(fen), "pay", id),
            new AccountFence(payer, expected), new TransferRecord(id, payer, payee, fen, TransferMode.Immediate, TransferStatus.Settled, "h", Guid.Empty, "pay", at, at), Guid.Empty, at, null, stamp);
    }

    [Fact]
    public async Task ConcurrentBatchesOfTwoSilos_CreditingTheSamePayees_DeadlockNever_AndLoseNothing()
    {
        var payers = Enumerable.Range(0, 48).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var payees = Enumerable.Range(0, 6).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        await Task.WhenAll(payers.Select(a => _store.CommitAsync(Deposit(a, 1_000_000, 0))));
        var deadlocksBefore = await DeadlocksAsync();

        // Two stores stand for two silos: their group-commit loops share shard numbers, so their batches credit the
        // same rows of the same few payees, each batch several of them. Each payer pays from one of the two like a
        // grain would (one commit in flight at a time).
        await using var otherSilo = postgres.CreateStore();
        var paid = new long[payees.Length];
        await Parallel.ForAsync(0, payers.Length, new ParallelOptions { MaxDegreeOfParallelism = payers.Length }, async (i, _) =>
        {
            var store = i % 2 == 0 ? _store : otherSilo;
            for (var n = 0; n < 30; n++)
            {
                var payee = (i + n) % payees.Length;
                Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Pay(payers[i], payees[payee], 10 + i, 1 + n)));
                Interlocked.Add(ref paid[payee], 10 + i);
            }
        });

        // PostgreSQL publishes a backend's counters about once a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await DeadlocksAsync() - deadlocksBefore);
        for (var p = 0; p < payees.Length; p++)
        {
            Assert.Equal(paid[p], (await _store.LoadBalancesAsync(payees[p])).AvailableFen);
        }
        var verification = await _store.VerifyTrialBalanceAsync();
        Assert.True(verification.Agrees, string.Join("; ", verification.Discrepancies));
        // A payee's credits are spread over the loops' shards; its balance is their sum.
        Assert.True(await RowsAsync(payees[0]) > 1);
    }

    [Fact]
    public async Task BatchWithOneKeyAlreadyRecorded_RefusesThatCommitOnly_AndRecordsEveryOtherKey()
    {
        var accounts = Enumerable.Range(0, 120).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var scope = Guid.NewGuid().ToString("N");
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(accounts[0], 100, 0, new IdempotencyStamp(scope, "taken", "first"))));

        var outcomes = await Task.WhenAll(accounts.Select((a, i) =>
            _store.CommitAsync(Deposit(a, 100, i == 0 ? 1 : 0, new IdempotencyStamp(scope, i == 0 ? "taken" : $"k{i}", i == 0 ? "second" : "h")))));

        Assert.Equal(CommitOutcome.IdempotencyKeyReused, outcomes[0]);
        Assert.All(outcomes[1..], o => Assert.Equal(CommitOutcome.Committed, o));
        Assert.Equal(new AccountBalances(100, 0, 1), await _store.LoadBalancesAsync(accounts[0]));
        Assert.Equal("first", (await _store.FindIdempotencyRecordAsync(scope, "taken"))!.RequestHash);
        Assert.All(Enumerable.Range(1, accounts.Length - 1), i => Assert.NotNull(_store.FindIdempotencyRecordAsync(scope, $"k{i}").Result));
    }

    [Fact]
    public async Task ADatabaseWrittenBeforeTheSnapshots_IsBackfilledOnce_AndReapplyingTheSchemaChangesNothing()
    {
        var (payer, payee) = (AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()));
        await _store.CommitAsync(Deposit(payer, 5_000, 0));
        await _store.CommitAsync(Pay(payer, payee, 1_200, 1));
        var before = await _store.VerifyTrialBalanceAsync();
        // The earlier shape: lines and fences only. Rebuild the fences the earlier version kept, then forget the snapshot.
        await ExecuteAsync(
            "INSERT INTO exchange_account_fences (account_id, version) SELECT account_id, version FROM exchange_account_balances WHERE shard = 0 AND version > 0 " +
            "ON CONFLICT (account_id) DO UPDATE SET version = excluded.version; " +
            "DROP TABLE exchange_account_balances; DELETE FROM exchange_schema_steps WHERE step = 'account-balances-backfill';");

        await ApplySchemaAsync();
        Assert.Equal(new AccountBalances(3_800, 0, 2), await _store.LoadBalancesAsync(payer));
        Assert.Equal(new AccountBalances(1_200, 0, 0), await _store.LoadBalancesAsync(payee));
        await ApplySchemaAsync();
        Assert.Equal(new AccountBalances(3_800, 0, 2), await _store.LoadBalancesAsync(payer));

        var after = await _store.VerifyTrialBalanceAsync();
        Assert.True(after.Agrees, string.Join("; ", after.Discrepancies));
        Assert.Equal(before.Recomputed, after.Maintained);
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Pay(payer, payee, 800, 2)));
        Assert.Equal(2_000, (await _store.LoadBalancesAsync(payee)).AvailableFen);
    }

    [Fact]
    public async Task ASnapshotThatDriftedFromItsLines_IsNamedByTheVerification()
    {
        var account = AccountId.ForParticipant(Guid.NewGuid());
        await _store.CommitAsync(Deposit(account, 250, 0));
        await ExecuteAsync($"UPDATE exchange_account_balances SET reserved_fen = reserved_fen - 3 WHERE account_id = '{account}' AND shard = 0");
        try
        {
            var verification = await _store.VerifyTrialBalanceAsync();
            Assert.False(verification.Agrees);
            Assert.Equal(new AccountDiscrepancy(account, 250, -3, 250, 0), Assert.Single(verification.Discrepancies));
        }
        finally
        {
            await ExecuteAsync($"UPDATE exchange_account_balances SET reserved_fen = reserved_fen + 3 WHERE account_id = '{account}' AND shard = 0");
        }
    }

    private async Task ApplySchemaAsync() =>
        await ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "sql", "postgresql", "05-exchange.sql")));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> RowsAsync(string account)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM exchange_account_balances WHERE account_id = $1", connection) { Parameters = { new() { Value = account } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> DeadlocksAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        // The statistics collector publishes a backend's counters when it goes idle; ask for a fresh snapshot.
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
