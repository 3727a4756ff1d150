using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pools;

/// <summary>What the close of a subscription window decides: issue with these holdings and payments, or cancel.</summary>
/// <param name="CancelledBecause">Why the pool is cancelled (a tranche below its minimum), or null when it is issued.</param>
/// <param name="Payout">The issue's one posting out of the collection account: the purchase price to the originator, each subscriber's refund.</param>
public sealed record PoolIssueDecision(
    string? CancelledBecause,
    IReadOnlyDictionary<string, long> UnitsIssued,
    IReadOnlyList<PoolHolding> Holdings,
    IReadOnlyList<DistributionPart> Payout,
    Money PurchasePrice,
    Money Refunded);

/// <summary>
/// The close of a subscription window (domain.md §7): each tranche is allotted by <see cref="SubscriptionAllotment"/>
/// (whole lots, pro rata by largest remainder when oversubscribed); if any tranche falls short of its minimum the whole
/// pool is cancelled and everyone refunded in full. Otherwise the money kept is the originator's purchase price and the
/// rest goes back to each subscriber, in one posting whose parts add up to what the escrow held.
/// </summary>
public static class PoolIssue
{
    public static PoolIssueDecision Decide(PoolDefinition definition, Guid originatorId, IReadOnlyList<PoolSubscription> held, DateOnly issuedOn)
    {
        var units = new SortedDictionary<string, long>(StringComparer.Ordinal);
        List<PoolHolding> holdings = [];
        var refunds = new Dictionary<Guid, long>();
        long kept = 0;
        foreach (var tranche in definition.Tranches)
        {
            var asked = held.Where(s => s.TrancheId == tranche.Id).GroupBy(s => s.InvestorId)
                .Select(g => new Subscription(g.Key.ToString("N"), g.Sum(s => s.Units))).ToArray();
            var result = SubscriptionAllotment.Allot(new Offering(tranche.UnitsOffered, tranche.UnitFaceValue, tranche.MinimumLot, tranche.MinimumUnitsToIssue), asked);
            if (result.Outcome == AllotmentOutcome.Cancelled)
            {
                var subscribed = asked.Sum(a => a.UnitsRequested);
                return Cancelled(held, $"tranche {tranche.Id} was subscribed for {subscribed} units, below the {tranche.MinimumUnitsToIssue} it needs to be issued");
            }
            units[tranche.Id] = result.UnitsIssued;
            foreach (var allotment in result.Allotments)
            {
                var investor = Guid.ParseExact(allotment.InvestorId, "N");
                if (allotment.UnitsAllotted > 0)
                {
                    holdings.Add(new PoolHolding(investor, tranche.Id, allotment.UnitsAllotted, issuedOn));
                }
                refunds[investor] = refunds.GetValueOrDefault(investor) + allotment.MoneyRefunded.Fen;
                kept += allotment.MoneyKept.Fen;
            }
        }
        var payout = new List<DistributionPart>();
        if (kept > 0)
        {
            payout.Add(new DistributionPart(AccountId.ForParticipant(originatorId), new Money(kept)));
        }
        payout.AddRange(Refunds(refunds));
        return new PoolIssueDecision(null, units, holdings, payout, new Money(kept), new Money(refunds.Values.Sum()));
    }

    /// <summary>A cancelled pool refunds by releasing each subscriber's escrow hold: no posting out of the pool.</summary>
    private static PoolIssueDecision Cancelled(IReadOnlyList<PoolSubscription> held, string because) =>
        new(because, new Dictionary<string, long>(), [], [], Money.Zero, new Money(held.Sum(s => s.Amount.Fen)));

    private static IEnumerable<DistributionPart> Refunds(Dictionary<Guid, long> refunds) =>
        refunds.Where(r => r.Value > 0).OrderBy(r => r.Key).Select(r => new DistributionPart(AccountId.ForParticipant(r.Key), new Money(r.Value)));
}
