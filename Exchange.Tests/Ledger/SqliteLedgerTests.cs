using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Exchange.Tests.Ledger;

/// <summary>
/// What only the embedded SQLite file does: group commit with a savepoint per commit, the one-time backfill of the
/// balance snapshots in a file written before them, and the verification naming an account whose snapshot drifted.
/// </summary>
public sealed class SqliteLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exchange-ledger-{Guid.NewGuid():N}.db");
    private SqlExchangeStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqlExchangeStore(new SqliteFile(_path), SqlDialect.Sqlite);
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static LedgerCommit Deposit(string account, long expected, string? postingId = null, IdempotencyStamp? stamp = null)
    {
        var id = postingId ?? "deposit:" + Guid.NewGuid().ToString("N");
        return new LedgerCommit(Posting.Move(id, PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(100), "batch"),
            new AccountFence(account, expected), null, Guid.Empty, At, new AuditEntry("posting:" + id, "account:" + account, "deposit", Guid.Empty, At, ""), stamp);
    }

    [Fact]
    public async Task GroupCommit_OfManyAtOnce_RefusesExactlyTheDuplicateTheStaleFenceAndTheReusedKey_AndBooksTheRest()
    {
        var accounts = Enumerable.Range(0, 300).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var duplicateId = "deposit:dup-" + Guid.NewGuid().ToString("N");
        var usedKey = new IdempotencyStamp("caller", "used-key", "hash-1");
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(accounts[0], 0, duplicateId)));
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(accounts[2], 0, stamp: usedKey)));

        var commits = accounts.Select((account, i) => i switch
        {
            0 => Deposit(account, 1, duplicateId),
            1 => Deposit(account, 7),
            2 => Deposit(account, 1, stamp: usedKey with { RequestHash = "hash-2" }),
            _ => Deposit(account, 0, stamp: new IdempotencyStamp("caller", "key-" + i, "h")),
        }).ToArray();
        var outcomes = await Task.WhenAll(commits.Select(c => _store.CommitAsync(c)));

        Assert.Equal([CommitOutcome.DuplicatePosting, CommitOutcome.FenceLost, CommitOutcome.IdempotencyKeyReused], outcomes[..3]);
        Assert.All(outcomes[3..], o => Assert.Equal(CommitOutcome.Committed, o));
        Assert.Equal(new AccountBalances(100, 0, 1), await _store.LoadBalancesAsync(accounts[2]));
        Assert.Equal(AccountBalances.None, await _store.LoadBalancesAsync(accounts[1]));
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)).Skip(3))
        {
            Assert.Equal(new AccountBalances(100, 0, 1), await _store.LoadBalancesAsync(account));
            Assert.True((await _store.FindIdempotencyRecordAsync("caller", "key-" + i))!.IsAwaitingResponse);
        }
        var verification = await _store.VerifyTrialBalanceAsync();
        Assert.True(verification.Agrees);
        Assert.Equal(299, verification.Maintained.PostingCount);
    }

    [Fact]
    public async Task AFileWrittenBeforeTheSnapshots_IsBackfilledOnce_AndNotCountedTwiceOnTheNextStart()
    {
        var (payer, payee) = (AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()));
        await using (var old = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // The earlier shape: lines and fences, no snapshot (and no record that a backfill ran).
            command.CommandText =
                "DROP TABLE exchange_account_balances; DELETE FROM exchange_schema_steps; " +
                $"INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) VALUES ('d1', 'external', 0, -5000), ('d1', '{payer}', 0, 5000), " +
                $"('r1', '{payer}', 0, -1200), ('r1', '{payer}', 1, 1200), ('s1', '{payer}', 1, -1200), ('s1', '{payee}', 0, 1200); " +
                "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) VALUES " +
                "('d1', 0, NULL, '', X'00', '2026-01-01'), ('r1', 2, NULL, '', X'00', '2026-01-01'), ('s1', 3, NULL, '', X'00', '2026-01-01'); " +
                $"INSERT INTO exchange_account_fences (account_id, version) VALUES ('{payer}', 3);";
            await command.ExecuteNonQueryAsync();
        }

        await _store.EnsureSchemaAsync();
        Assert.Equal(new AccountBalances(3_800, 0, 3), await _store.LoadBalancesAsync(payer));
        Assert.Equal(new AccountBalances(1_200, 0, 0), await _store.LoadBalancesAsync(payee));
        Assert.Equal(CommitOutcome.Committed, await _store.CommitAsync(Deposit(payer, 3)));

        await _store.EnsureSchemaAsync();
        Assert.Equal(new AccountBalances(3_900, 0, 4), await _store.LoadBalancesAsync(payer));
        var verification = await _store.VerifyTrialBalanceAsync();
        Assert.True(verification.Agrees, string.Join("; ", verification.Discrepancies));
        Assert.Equal(4, verification.Maintained.PostingCount);
    }

    [Fact]
    public async Task ASnapshotThatDriftedFromItsLines_IsNamedByTheVerification_WhileTheTrialBalanceReadsTheSnapshot()
    {
        var (drifted, fine) = (AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()));
        await _store.CommitAsync(Deposit(drifted, 0));
        await _store.CommitAsync(Deposit(fine, 0));
        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var corrupt = connection.CreateCommand();
            corrupt.CommandText = $"UPDATE exchange_account_balances SET available_fen = available_fen + 7 WHERE account_id = '{drifted}'";
            await corrupt.ExecuteNonQueryAsync();
        }

        var verification = await _store.VerifyTrialBalanceAsync();
        Assert.False(verification.Agrees);
        Assert.Equal(new AccountDiscrepancy(drifted, 107, 0, 100, 0), Assert.Single(verification.Discrepancies));
        Assert.Equal(7, verification.Maintained.TotalFen);
        Assert.Equal(0, verification.Recomputed.TotalFen);
        Assert.Equal(7, (await _store.ComputeTrialBalanceAsync()).TotalFen);
    }
}
