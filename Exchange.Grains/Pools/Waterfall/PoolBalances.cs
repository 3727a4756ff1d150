using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What a pool owes and holds at the start of a period, and which waterfall it runs.</summary>
/// <param name="State">The state whose waterfall runs this period: the previous period's triggers decided it.</param>
/// <param name="AcceleratedForGood">A non-curable trigger has held once; the pool never returns to normal.</param>
/// <param name="RetainedCash">Cash an earlier period could not pay to anyone; it is available again this period.</param>
public sealed record PoolBalances(
    PoolState State,
    bool AcceleratedForGood,
    IReadOnlyList<TrancheBalance> Tranches,
    IReadOnlyList<FeeBalance> Fees,
    Money Reserve,
    Money RetainedCash)
{
    /// <summary>A pool just issued: every tranche owes its original principal and nothing else.</summary>
    public static PoolBalances AtIssue(PoolTerms terms, Money? initialReserve = null) => new(
        PoolState.Normal,
        AcceleratedForGood: false,
        terms.Tranches.Select(t => new TrancheBalance(t.Id, t.OriginalPrincipal, Money.Zero)).ToArray(),
        terms.Fees.Select(f => new FeeBalance(f.Id, Money.Zero)).ToArray(),
        initialReserve ?? Money.Zero,
        Money.Zero);

    public Money OutstandingPrincipal => new(Tranches.Sum(t => t.Outstanding.Fen));

    public TrancheBalance Tranche(string trancheId) => Tranches.Single(t => t.TrancheId == trancheId);
}
