using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

/// <summary>The running balance snapshots: written with every posting, read instead of the lines, checked against them.</summary>
public abstract partial class ExchangeStoreContract
{
    private static LedgerCommit Pay(string payer, string payee, long fen, long expectedVersion, Guid? transferId = null)
    {
        var id = transferId ?? Guid.NewGuid();
        var record = new TransferRecord(id, payer, payee, fen, TransferMode.Immediate, TransferStatus.Settled, "h-" + id, Guid.Empty, "pay", At, At);
        return new LedgerCommit(
            Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Transfer), PostingKind.Transfer, (payer, Bucket.Available), (payee, Bucket.Available), new Money(fen), "pay", id),
            new AccountFence(payer, expectedVersion), record, Guid.Empty, At);
    }

    [Fact]
    public async Task CreditsBookedByPayers_ShowInThePayeesBalance_AndItsFirstDebitStartsItsFence()
    {
        var (payer, payee, third) = (NewAccount(), NewAccount(), NewAccount());
        await Store.CommitAsync(Deposit(payer, 10_000, 0));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Pay(payer, payee, 3_000, 1)));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Pay(payer, payee, 1_000, 2)));

        Assert.Equal(new AccountBalances(6_000, 0, 3), await Store.LoadBalancesAsync(payer));
        // Credited twice, debited never: its fence has not started.
        Assert.Equal(new AccountBalances(4_000, 0, 0), await Store.LoadBalancesAsync(payee));

        Assert.Equal(CommitOutcome.FenceLost, await Store.CommitAsync(Pay(payee, third, 500, 1)));
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Pay(payee, third, 500, 0)));
        Assert.Equal(CommitOutcome.FenceLost, await Store.CommitAsync(Pay(payee, third, 500, 0)));
        Assert.Equal(new AccountBalances(3_500, 0, 1), await Store.LoadBalancesAsync(payee));
        Assert.Equal(new AccountBalances(500, 0, 0), await Store.LoadBalancesAsync(third));
        Assert.Equal(AccountBalances.None, await Store.LoadBalancesAsync(NewAccount()));
    }

    [Fact]
    public async Task ImmediateTransfer_IsOnePostingWrittenAsSettled_AndCannotBeCreatedTwice()
    {
        var (payer, payee) = (NewAccount(), NewAccount());
        await Store.CommitAsync(Deposit(payer, 5_000, 0));
        var id = Guid.NewGuid();
        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Pay(payer, payee, 2_000, 1, id)));

        var stored = await Store.LoadTransferAsync(id);
        Assert.Equal(TransferStatus.Settled, stored!.Status);
        Assert.Empty(await Store.LoadReservationsAsync(payer));
        Assert.DoesNotContain(id, await Store.FindStalledTransfersAsync(At.AddDays(1), 1_000));
        var trail = await Store.ReadAuditAsync(TransferAuditTrail.ObjectId(id), 0, 10);
        Assert.Equal("transfer-settled", Assert.Single(trail.Entries).Action);

        // The same transfer again under its other possible first posting (a reserve): the row says it exists.
        var reserve = new LedgerCommit(
            Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Reserve), PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(2_000), "again", id),
            new AccountFence(payer, 2), stored with { Status = TransferStatus.FundsReserved }, Guid.Empty, At);
        Assert.Equal(CommitOutcome.DuplicatePosting, await Store.CommitAsync(reserve));
        Assert.Equal(CommitOutcome.DuplicatePosting, await Store.CommitAsync(Pay(payer, payee, 2_000, 2, id)));
        Assert.Equal(new AccountBalances(3_000, 0, 2), await Store.LoadBalancesAsync(payer));
        Assert.Equal(2_000, (await Store.LoadBalancesAsync(payee)).AvailableFen);
    }

    [Fact]
    public async Task HeldTransfer_MovesBetweenBuckets_InTheSnapshotToo()
    {
        var (payer, payee) = (NewAccount(), NewAccount());
        await Store.CommitAsync(Deposit(payer, 5_000, 0));
        var id = Guid.NewGuid();
        var reserved = new TransferRecord(id, payer, payee, 1_500, TransferMode.Hold, TransferStatus.FundsReserved, "h", Guid.Empty, "hold", At, At);
        await Store.CommitAsync(new LedgerCommit(
            Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Reserve), PostingKind.Reserve, (payer, Bucket.Available), (payer, Bucket.Reserved), new Money(1_500), "hold", id),
            new AccountFence(payer, 1), reserved, Guid.Empty, At));
        Assert.Equal(new AccountBalances(3_500, 1_500, 2), await Store.LoadBalancesAsync(payer));

        await Store.CommitAsync(new LedgerCommit(
            Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Release), PostingKind.Release, (payer, Bucket.Reserved), (payer, Bucket.Available), new Money(1_500), "hold", id),
            new AccountFence(payer, 2), reserved with { Status = TransferStatus.Released }, Guid.Empty, At));
        Assert.Equal(new AccountBalances(5_000, 0, 3), await Store.LoadBalancesAsync(payer));
        Assert.Equal(TransferStatus.Released, (await Store.LoadTransferAsync(id))!.Status);
        Assert.Equal(AccountBalances.None, await Store.LoadBalancesAsync(payee));
    }

    [Fact]
    public async Task TrialBalance_FromTheSnapshots_EqualsTheSumOfEveryLine()
    {
        var accounts = Enumerable.Range(0, 5).Select(_ => NewAccount()).ToArray();
        var versions = new long[accounts.Length];
        for (var i = 0; i < accounts.Length; i++)
        {
            await Store.CommitAsync(Deposit(accounts[i], 10_000 + i, versions[i]++));
        }
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var payer = random.Next(accounts.Length);
            var payee = (payer + 1 + random.Next(accounts.Length - 1)) % accounts.Length;
            Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(Pay(accounts[payer], accounts[payee], 1 + random.Next(200), versions[payer]++)));
        }

        var maintained = await Store.ComputeTrialBalanceAsync();
        var verification = await Store.VerifyTrialBalanceAsync();
        Assert.Equal(verification.Recomputed, maintained);
        Assert.Equal(verification.Recomputed, verification.Maintained);
        Assert.True(verification.Agrees);
        Assert.Empty(verification.Discrepancies);
        Assert.Equal(0, maintained.TotalFen);
        for (var i = 0; i < accounts.Length; i++)
        {
            var statement = await Store.ReadStatementAsync(accounts[i], 0, 500);
            Assert.Equal(statement.Lines.Sum(l => l.AmountFen), (await Store.LoadBalancesAsync(accounts[i])).AvailableFen);
        }
    }
}
