using System.Globalization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Runs a pool forward on projected collections, with the same engine and no money moved: originators and investors
/// compare scenarios ("what if royalties fall 30%": a factor of 0.7) before subscribing. Each period starts from the
/// balances, reserve and state the previous one left, so a stress that trips a trigger shows the acceleration after it.
/// </summary>
public static class ScenarioProjection
{
    /// <param name="collectionsFactor">Scales every projected collection (1 for the base case, 0.7 for a 30% fall), rounded to the fen half away from zero.</param>
    public static IReadOnlyList<PeriodReport> Project(PoolTerms terms, PoolBalances start, IReadOnlyList<ProjectedPeriod> periods, decimal collectionsFactor = 1m)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (collectionsFactor < 0)
        {
            throw new DomainException(DomainErrors.InvalidPoolTerms, $"A scenario scales collections by a factor of at least 0; {collectionsFactor.ToString(CultureInfo.InvariantCulture)} is not.", "collectionsFactor");
        }
        var reports = new PeriodReport[periods.Count];
        var balances = start;
        for (var i = 0; i < periods.Count; i++)
        {
            if (i > 0 && periods[i].Period.Start < periods[i - 1].Period.End)
            {
                throw new DomainException(DomainErrors.InvalidPoolTerms, $"Projected period {i + 1} starts on {periods[i].Period.Start:yyyy-MM-dd}, before the one before it ends.", "periods");
            }
            var collections = new Money((long)Math.Round(periods[i].Collections.Fen * collectionsFactor, MidpointRounding.AwayFromZero));
            reports[i] = WaterfallEngine.Run(terms, balances, periods[i].Period, collections);
            balances = reports[i].BalancesAfter;
        }
        return reports;
    }
}
