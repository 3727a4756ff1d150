using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

/// <summary>An account's list of transfers: newest first, on either side, by status, in pages that neither skip nor repeat.</summary>
public abstract partial class ExchangeStoreContract
{
    private static LedgerCommit PayAt(string payer, string payee, long fen, long expectedVersion, DateTimeOffset at, TransferMode mode = TransferMode.Immediate)
    {
        var id = Guid.NewGuid();
        var (kind, status, to) = mode == TransferMode.Immediate
            ? (PostingKind.Transfer, TransferStatus.Settled, (payee, Bucket.Available))
            : (PostingKind.Reserve, TransferStatus.FundsReserved, (payer, Bucket.Reserved));
        var record = new TransferRecord(id, payer, payee, fen, mode, status, "h-" + id, Guid.Empty, "pay", at, at);
        return new LedgerCommit(Posting.Move(TransferAuditTrail.PostingId(id, kind), kind, (payer, Bucket.Available), to, new Money(fen), "pay", id),
            new AccountFence(payer, expectedVersion), record, Guid.Empty, at);
    }

    [Fact]
    public async Task AnAccountsTransfers_AreListedNewestFirst_OnEitherSide_InPagesThatNeitherSkipNorRepeat()
    {
        var (account, other, third) = (NewAccount(), NewAccount(), NewAccount());
        await Store.CommitAsync(Deposit(account, 100_000, 0));
        await Store.CommitAsync(Deposit(other, 100_000, 0));
        var t = At.AddDays(1);
        var paid = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            // Two of them at the same moment: the id breaks the tie, and no page loses either.
            var commit = PayAt(account, other, 100 + i, 1 + i, i == 2 ? t.AddSeconds(1) : t.AddSeconds(i));
            await Store.CommitAsync(commit);
            paid.Add(commit.Transfer!.TransferId);
        }
        var received = PayAt(other, account, 500, 1, t.AddSeconds(5));
        await Store.CommitAsync(received);
        var held = PayAt(account, third, 700, 5, t.AddSeconds(6), TransferMode.Hold);
        await Store.CommitAsync(held);
        await Store.CommitAsync(PayAt(other, third, 900, 2, t.AddSeconds(7))); // concerns neither side of the account

        var seen = new List<TransferRecord>();
        TransferCursor? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Store.ListTransfersAsync(new TransferQuery(account, TransferSide.Either, null, after, 2));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                break;
            }
            Assert.True(TransferCursor.TryParse(page.NextCursor, out after));
        }
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Select(s => s.TransferId).Distinct().Count());
        Assert.Equal([held.Transfer!.TransferId, received.Transfer!.TransferId], seen.Take(2).Select(s => s.TransferId));
        Assert.Equal(seen.Select(s => s.CreatedAt).OrderByDescending(c => c), seen.Select(s => s.CreatedAt));
        Assert.Equal(paid[0], seen[^1].TransferId);

        var asPayer = await Store.ListTransfersAsync(new TransferQuery(account, TransferSide.Payer, null, null, 50));
        Assert.Equal(5, asPayer.Items.Count);
        Assert.All(asPayer.Items, i => Assert.Equal(account, i.PayerAccount));
        Assert.Null(asPayer.NextCursor);
        var asPayee = await Store.ListTransfersAsync(new TransferQuery(account, TransferSide.Payee, null, null, 50));
        Assert.Equal(received.Transfer.TransferId, Assert.Single(asPayee.Items).TransferId);
        var holding = await Store.ListTransfersAsync(new TransferQuery(account, TransferSide.Either, TransferStatus.FundsReserved, null, 50));
        Assert.Equal(held.Transfer.TransferId, Assert.Single(holding.Items).TransferId);
        Assert.Empty((await Store.ListTransfersAsync(new TransferQuery(NewAccount(), TransferSide.Either, null, null, 50))).Items);
    }
}
