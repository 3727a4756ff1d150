using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// One period of a pool's waterfall, as kept for investors and the operator. Cash is conserved:
/// <see cref="CashCarriedIn"/> + <see cref="Collections"/> + <see cref="ReserveDraw"/> = <see cref="PaidOut"/> +
/// <see cref="ReserveTopUp"/> + <see cref="RetainedCash"/>; no amount is ever negative.
/// </summary>
/// <param name="WaterfallRun">The state whose waterfall ran this period.</param>
/// <param name="NextState">The state this period's triggers leave the pool in: the waterfall of the next period.</param>
/// <param name="CleanUpCallReached">The outstanding principal after this period is below the clean-up call share of the original.</param>
/// <param name="BalancesAfter">The balances the next period starts from.</param>
public sealed record PeriodReport(
    DistributionPeriod Period,
    PoolState WaterfallRun,
    Money CashCarriedIn,
    Money Collections,
    Money ReserveDraw,
    Money ReserveTopUp,
    Money PaidOut,
    Money RetainedCash,
    Money ReserveBalance,
    IReadOnlyList<StepReport> Steps,
    IReadOnlyList<TrancheOutcome> Tranches,
    IReadOnlyList<TriggerEvaluation> Triggers,
    PoolState NextState,
    bool CleanUpCallReached,
    PoolBalances BalancesAfter)
{
    public TrancheOutcome Tranche(string trancheId) => Tranches.Single(t => t.TrancheId == trancheId);

    public Money PaidToFee(string feeId) => new(Steps.SelectMany(s => s.Payments)
        .Where(p => p.Kind == PaymentKind.Fee && p.PayeeId == feeId).Sum(p => p.Paid.Fen));
}
