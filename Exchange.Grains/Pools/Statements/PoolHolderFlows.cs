using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What one posting of the pool paid (or took from) one holder; its flow is named by the posting's occasion.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolHolderLine(
    [property: Id(0)] Guid InvestorId,
    [property: Id(1)] Money Amount,
    [property: Id(2)] string? TrancheId = null,
    [property: Id(3)] long Units = 0);

/// <summary>
/// The flows one posting of the pool made to many holders at once: the issue, a distribution date, the clean-up call, the
/// winding up. Kept once per pool, not once per holder, so a date paying 200 holders is one write (issue 12's 10,000
/// investors in under 2 s); each holder's statement reads its own lines from it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolHolderFlows(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] PoolCashFlowKind Kind,
    [property: Id(3)] string PostingId,
    [property: Id(4)] IReadOnlyList<PoolHolderLine> Lines)
{
    /// <summary>One investor's flows in this posting, named as a per-holder statement named them (<c>issue:A</c>, <c>distribution:20270331</c>, <c>call</c>).</summary>
    public IEnumerable<PoolCashFlow> For(Guid investorId) =>
        Lines.Where(l => l.InvestorId == investorId)
            .Select(l => new PoolCashFlow(l.TrancheId is null ? Id : $"{Id}:{l.TrancheId}", On, Kind, l.Amount, l.TrancheId, l.Units, PostingId));

    /// <summary>What a payout paid each holder, as one set of lines (the holders it paid nothing are left out).</summary>
    public static PoolHolderFlows Of(PoolPayout payout, string id, DateOnly on, PoolCashFlowKind kind, string postingId) =>
        new(id, on, kind, postingId, [.. payout.ToHolders.Where(h => h.Value.Fen > 0).OrderBy(h => h.Key).Select(h => new PoolHolderLine(h.Key, h.Value))]);
}

public static class PoolCashFlows
{
    /// <summary>
    /// An investor's flows from its own statement and from the pool's shared postings, each flow once by its id (a
    /// statement written before the pool kept shared postings may hold the same date), ordered by date, then id.
    /// </summary>
    public static IReadOnlyList<PoolCashFlow> Merge(IEnumerable<PoolCashFlow> own, IEnumerable<PoolCashFlow> shared)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. own.Concat(shared).Where(f => seen.Add(f.Id)).OrderBy(f => f.On).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }
}
