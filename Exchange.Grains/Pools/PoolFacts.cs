using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What a pool's state says, read the same way by its grain, its guards and its snapshot.</summary>
internal static class PoolFacts
{
    public static PoolGuardFacts Guards(PoolRecord state, DateOnly today) => new(
        HasReceivables: state.Receivables.Count > 0,
        WindowOpen: state.Definition is { } d && today <= d.SubscriptionClosesOn,
        CleanUpCallReached: state.Periods.Count > 0 && state.Periods[^1].CleanUpCallReached,
        DatesLeft: state.Definition is { } defined && state.Periods.Count < defined.DistributionDates.Count);

    /// <summary>The next distribution date, or null when every date has been distributed.</summary>
    public static DateOnly? NextDate(PoolRecord state) =>
        state.Definition is { } d && state.Periods.Count < d.DistributionDates.Count ? d.DistributionDates[state.Periods.Count] : null;

    public static PoolTerms Terms(PoolRecord state) => PoolStructure.Terms(state.Definition!, state.UnitsIssued);

    public static string Offered(PoolDefinition definition) =>
        new Money(definition.Tranches.Sum(t => t.UnitFaceValue.Fen * t.UnitsOffered)).ToString();

    public static PoolSnapshot Snapshot(Guid id, PoolRecord state, DateOnly today, IReadOnlyList<PoolAction> actions)
    {
        var definition = state.Definition!;
        var tranches = definition.Tranches.Select(t =>
        {
            var issued = state.UnitsIssued.GetValueOrDefault(t.Id);
            var balance = state.Balances?.Tranches.FirstOrDefault(b => b.TrancheId == t.Id);
            var outstanding = balance?.Outstanding ?? Money.Zero;
            return new PoolTrancheStanding(t, state.Subscriptions.Where(s => s.TrancheId == t.Id).Sum(s => s.Units), issued, outstanding,
                balance?.UnpaidInterest ?? Money.Zero, issued == 0 ? 0m : decimal.Round(outstanding.Yuan / issued, 4, MidpointRounding.ToZero));
        }).ToArray();
        var balances = state.Balances;
        return new PoolSnapshot(id, state.OriginatorId, state.Status, definition, [.. state.Receivables], tranches, state.IssuedOn,
            balances?.State ?? PoolState.Normal, balances?.AcceleratedForGood ?? false, balances?.Reserve ?? Money.Zero, balances?.RetainedCash ?? Money.Zero,
            state.Periods.Count, PoolLifecycle.IsFinalStatus(state.Status) ? null : NextDate(state),
            state.Holdings.Select(h => h.InvestorId).Distinct().Count(), state.Subscriptions.Select(s => s.InvestorId).Distinct().Count(),
            state.PurchasePrice, state.CreatedAt, state.EndReason, Guards(state, today).CleanUpCallReached, actions);
    }

    public static PoolPosition Position(Guid id, PoolRecord state, Guid investorId) => new(id, investorId,
        [.. state.Subscriptions.Where(s => s.InvestorId == investorId)],
        [.. state.Holdings.Where(h => h.InvestorId == investorId)]);
}
