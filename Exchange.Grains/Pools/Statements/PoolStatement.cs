using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A tranche the investor holds, valued at its outstanding principal.</summary>
public sealed record StatementHolding(string TrancheId, long Units, decimal OutstandingPerUnit, Money OutstandingValue);

/// <summary>
/// An investor's statement in a pool (domain.md §7): holdings per tranche, the cash paid and received by date, and the
/// return as XIRR. While the pool runs, its return counts the holdings at their outstanding principal as if received
/// today (<see cref="ValuedAtOutstanding"/>); once it is closed, the flows alone decide it.
/// </summary>
public sealed record PoolStatement(
    Guid PoolId,
    Guid InvestorId,
    DateOnly AsOf,
    IReadOnlyList<StatementHolding> Holdings,
    IReadOnlyList<PoolCashFlow> Flows,
    Money PaidIn,
    Money Received,
    Money HoldingsValue,
    bool ValuedAtOutstanding,
    XirrResult Return);

public static class PoolStatementRules
{
    public static PoolStatement Build(PoolSnapshot pool, PoolPosition position, IReadOnlyList<PoolCashFlow> flows, DateOnly today)
    {
        var holdings = position.Holdings.Select(h =>
        {
            var tranche = pool.Tranches.Single(t => t.Definition.Id == h.TrancheId);
            // The holder's share of the tranche's outstanding principal, to the fen below: units × outstanding ÷ units issued.
            var value = tranche.UnitsIssued == 0 ? Money.Zero : new Money((long)(tranche.Outstanding.Fen * (decimal)h.Units / tranche.UnitsIssued));
            return new StatementHolding(h.TrancheId, h.Units, tranche.OutstandingPerUnit, value);
        }).ToArray();
        var paidIn = new Money(-flows.Where(f => f.Amount.Fen < 0).Sum(f => f.Amount.Fen));
        var received = new Money(flows.Where(f => f.Amount.Fen > 0).Sum(f => f.Amount.Fen));
        var value = new Money(holdings.Sum(h => h.OutstandingValue.Fen));
        var running = !PoolLifecycle.IsFinalStatus(pool.Status) && value.Fen > 0;
        List<CashFlow> returns = [.. flows.Select(f => new CashFlow(f.On, f.Amount.Yuan))];
        if (running)
        {
            returns.Add(new CashFlow(today, value.Yuan));
        }
        return new PoolStatement(pool.PoolId, position.InvestorId, today, holdings, flows, paidIn, received, value, running, Xirr.Compute(returns));
    }
}
