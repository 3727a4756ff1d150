using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Npgsql;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// The group-commit statement itself: ordinary commits are written by it, never by the one-by-one fallback (which
/// gives the same outcomes, so the other tests cannot tell when the statement fails every time); a broken rule sends
/// its batch one by one.
/// </summary>
public sealed class PostgreSqlBatchWriterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static LedgerCommit Deposit(string account, long expected, IdempotencyStamp? stamp = null) => new(
        Posting.Move("deposit:" + Guid.NewGuid().ToString("N"), PostingKind.Deposit, (AccountId.External, Bucket.Available), (account, Bucket.Available), new Money(1_000), "fund"),
        new AccountFence(account, expected), null, Guid.Empty, DateTimeOffset.UtcNow, null, stamp);

    private static LedgerCommit Pay(string payer, string payee, long expected, TransferMode mode = TransferMode.Immediate)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var (kind, to, status) = mode == TransferMode.Immediate
            ? (PostingKind.Transfer, (payee, Bucket.Available), TransferStatus.Settled)
            : (PostingKind.Reserve, (payer, Bucket.Reserved), TransferStatus.FundsReserved);
        return new LedgerCommit(Posting.Move(TransferAuditTrail.PostingId(id, kind), kind, (payer, Bucket.Available), to, new Money(10), "pay", id),
            new AccountFence(payer, expected), new TransferRecord(id, payer, payee, 10, mode, status, "h", Guid.Empty, "pay", at, at), Guid.Empty, at);
    }

    private static LedgerCommit Settle(LedgerCommit reserve, long expected)
    {
        var transfer = reserve.Transfer!;
        return new LedgerCommit(Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Settle), PostingKind.Settle, (transfer.PayerAccount, Bucket.Reserved),
            (transfer.PayeeAccount, Bucket.Available), new Money(10), "pay", transfer.TransferId), new AccountFence(transfer.PayerAccount, expected),
            transfer with { Status = TransferStatus.Settled }, Guid.Empty, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task OrdinaryCommits_OfEveryKind_AreWrittenByTheBatchStatement_NotOneByOne()
    {
        await using var sessions = PostgreSqlSessions.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString));
        await using var single = ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(postgres.ConnectionString, batchWriters: 0);
        var oneByOne = 0;
        await using var writer = new PostgreSqlBatchWriter(sessions.LedgerBatches, (commit, _, _) =>
        {
            Interlocked.Increment(ref oneByOne);
            return single.CommitAsync(commit);
        }, writers: 1);
        var accounts = Enumerable.Range(0, 40).Select(_ => AccountId.ForParticipant(Guid.NewGuid())).ToArray();
        var payee = AccountId.ForParticipant(Guid.NewGuid());

        // First debits (new rows), with keys; then second debits (rows advanced from version 1): payments, reserves.
        Assert.All(await Task.WhenAll(accounts.Select((a, i) => writer.CommitAsync(Deposit(a, 0, new IdempotencyStamp("s", $"k{i}-{a}", "h"))))),
            o => Assert.Equal(CommitOutcome.Committed, o));
        var reserves = accounts.Select((a, i) => i % 2 == 0 ? Pay(a, payee, 1) : Pay(a, payee, 1, TransferMode.Hold)).ToArray();
        Assert.All(await Task.WhenAll(reserves.Select(writer.CommitAsync)), o => Assert.Equal(CommitOutcome.Committed, o));
        // Third: the held ones settled (their rows updated), the others paid again.
        Assert.All(await Task.WhenAll(reserves.Select((r, i) => writer.CommitAsync(i % 2 == 0 ? Pay(accounts[i], payee, 2) : Settle(r, 2)))),
            o => Assert.Equal(CommitOutcome.Committed, o));

        Assert.Equal(0, oneByOne);
        Assert.Equal(3 * 20 * 10, (await single.LoadBalancesAsync(payee)).AvailableFen); // paid twice by half of them, settled once by the other half
        Assert.All(reserves.Where(r => r.Transfer!.Mode == TransferMode.Hold), r => Assert.Equal(TransferStatus.Settled, single.LoadTransferAsync(r.Transfer!.TransferId).Result!.Status));
        Assert.True((await single.VerifyTrialBalanceAsync()).Agrees);
    }

    [Theory]
    [InlineData("a fence that moved")]
    [InlineData("a debit expected at a version its account never had")]
    [InlineData("a key already recorded")]
    public async Task ABrokenRule_SendsTheBatchOneByOne_AndOnlyThatCommitIsRefused(string rule)
    {
        await using var sessions = PostgreSqlSessions.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString));
        await using var single = ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(postgres.ConnectionString, batchWriters: 0);
        var oneByOne = 0;
        await using var writer = new PostgreSqlBatchWriter(sessions.LedgerBatches, (commit, _, _) =>
        {
            Interlocked.Increment(ref oneByOne);
            return single.CommitAsync(commit);
        }, writers: 1);
        var (broken, fine) = (AccountId.ForParticipant(Guid.NewGuid()), AccountId.ForParticipant(Guid.NewGuid()));
        var stamp = new IdempotencyStamp("s", "taken-" + Guid.NewGuid().ToString("N"), "h");
        await single.CommitAsync(Deposit(broken, 0, stamp));

        var commit = rule switch
        {
            "a fence that moved" => Deposit(broken, 0),
            "a debit expected at a version its account never had" => Deposit(AccountId.ForParticipant(Guid.NewGuid()), 3),
            _ => Deposit(broken, 1, stamp with { RequestHash = "other" }),
        };
        var outcomes = await Task.WhenAll(writer.CommitAsync(commit), writer.CommitAsync(Deposit(fine, 0)));

        Assert.Equal(rule == "a key already recorded" ? CommitOutcome.IdempotencyKeyReused : CommitOutcome.FenceLost, outcomes[0]);
        Assert.Equal(CommitOutcome.Committed, outcomes[1]);
        Assert.True(oneByOne >= 1);
        Assert.True((await single.VerifyTrialBalanceAsync()).Agrees);
    }
}
