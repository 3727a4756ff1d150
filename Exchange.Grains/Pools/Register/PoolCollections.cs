using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pools;

/// <summary>
/// Where the ledger has been read to: the collections found so far, the last statement line counted (the next read
/// continues after it), and whether the period's end has been reached.
/// </summary>
public sealed record CollectionsRead(Money Collected, long? ReadThrough, bool Complete)
{
    public static CollectionsRead From(long? readThrough) => new(Money.Zero, readThrough, false);
}

/// <summary>
/// A period's collections are the royalties credited to the collection account on or before its distribution date,
/// read from the account's ledger lines after the last one an earlier period counted. Reading credits, not the balance,
/// keeps each period to its own money: a pool that catches up several missed dates gives each its own royalties (not
/// all of them to the first), and cash that sits in the account for another reason — a payout of the pool's own that
/// was set aside, a royalty paid after the date — is never counted as collected twice.
/// </summary>
public static class PoolCollections
{
    /// <summary>Statement lines read per page.</summary>
    public const int PageSize = 500;

    /// <summary>The postings the pool makes itself (payouts, the originator's clean-up call payment): never collections.</summary>
    public static string OwnPostingPrefix(Guid poolId) => $"pool:{poolId:N}:";

    /// <summary>
    /// Counts one page of the account's lines, in ledger order, for the distribution on <paramref name="through"/>: every
    /// credit to the available balance dated on or before that day that is neither the pool's own posting nor a
    /// subscription's settlement. The first line dated
    /// later ends the period (lines are committed in time order; one dated later belongs to the next date).
    /// <paramref name="countedBefore"/> is for a pool distributed before the exchange read its collections this way
    /// (nothing read yet): lines dated on or before its last date were counted then from the balance.
    /// </summary>
    public static CollectionsRead Count(CollectionsRead read, IEnumerable<StatementLine> page, Guid poolId, DateOnly through, DateOnly? countedBefore = null)
    {
        var own = OwnPostingPrefix(poolId);
        var collected = read.Collected.Fen;
        var readThrough = read.ReadThrough;
        foreach (var line in page)
        {
            var day = DateOnly.FromDateTime(line.At.UtcDateTime);
            if (day > through)
            {
                return new CollectionsRead(new Money(collected), readThrough, Complete: true);
            }
            readThrough = line.Sequence;
            // A settlement is a subscription's escrow reaching the account at issue, on its way to the originator.
            var isCollection = line.Bucket == Bucket.Available && line.AmountFen > 0 && line.Kind != PostingKind.Settle
                && !line.PostingId.StartsWith(own, StringComparison.Ordinal);
            if (isCollection && !(countedBefore is { } counted && day <= counted))
            {
                collected = checked(collected + line.AmountFen);
            }
        }
        return new CollectionsRead(new Money(collected), readThrough, read.Complete);
    }
}
