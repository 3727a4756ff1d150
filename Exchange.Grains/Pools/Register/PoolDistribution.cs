using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pools;

/// <summary>
/// A payment out of the pool: the parts of its one posting (one per account), and what of it each holder received as
/// a holder (a fee payee who also holds units is paid both, in one part; its statement counts only the holder's share).
/// </summary>
public sealed record PoolPayout(IReadOnlyList<DistributionPart> Parts, IReadOnlyDictionary<Guid, Money> ToHolders)
{
    public Money Total => new(Parts.Sum(p => p.Amount.Fen));

    public int HoldersPaid => ToHolders.Count(h => h.Value.Fen > 0);
}

/// <summary>
/// How a period's waterfall becomes money: each fee to its payee, each tranche's payment split among its holders by
/// units (largest remainder, <see cref="HolderDistribution"/>), one part per account, so the posting's parts add up
/// exactly to what the waterfall paid out.
/// </summary>
public static class PoolDistribution
{
    public static PoolPayout Pay(PoolDefinition definition, PeriodReport report, IReadOnlyList<PoolHolding> holdings)
    {
        var payout = new PayoutBuilder(holdings);
        foreach (var fee in definition.Fees)
        {
            payout.ToParticipant(fee.PayeeId, report.PaidToFee(fee.Id));
        }
        foreach (var tranche in report.Tranches.Where(t => t.TotalPaid.Fen > 0))
        {
            if (!payout.ToHolders(tranche.TrancheId, tranche.TotalPaid))
            {
                throw new InvalidOperationException($"Tranche {tranche.TrancheId} was paid {tranche.TotalPaid} but has no holders: its units must be held while it owes anything.");
            }
        }
        return payout.Build();
    }

    /// <summary>
    /// The winding up: what is left in the collection account after the last distribution (royalties that arrived late,
    /// cash no step could pay) goes as the waterfall would send it: first each fee its arrears, then the tranches still
    /// owed, most senior first (unpaid interest and principal, split among each tranche's holders by units), then the
    /// subordinated holders, or the originator when none was issued. The parts add up to what was left.
    /// </summary>
    public static PoolPayout WindUp(Money left, PoolDefinition definition, PoolBalances balances, IReadOnlyList<PoolHolding> holdings, Guid originatorId)
    {
        var payout = new PayoutBuilder(holdings);
        var rest = left;
        foreach (var fee in balances.Fees)
        {
            var paid = new Money(Math.Min(rest.Fen, fee.Unpaid.Fen));
            payout.ToParticipant(definition.Fee(fee.FeeId).PayeeId, paid);
            rest -= paid;
        }
        foreach (var tranche in definition.Tranches.Where(t => t.Seniority != TrancheSeniority.Subordinated && balances.Tranches.Any(b => b.TrancheId == t.Id)))
        {
            var owed = balances.Tranche(tranche.Id);
            var paid = new Money(Math.Min(rest.Fen, owed.Outstanding.Fen + owed.UnpaidInterest.Fen));
            if (paid.Fen > 0 && payout.ToHolders(tranche.Id, paid))
            {
                rest -= paid;
            }
        }
        var residual = definition.Tranches.FirstOrDefault(t => t.Seniority == TrancheSeniority.Subordinated);
        if (rest.Fen > 0 && residual is not null && payout.ToHolders(residual.Id, rest))
        {
            rest = Money.Zero;
        }
        payout.ToParticipant(originatorId, rest);
        return payout.Build();
    }

    /// <summary>
    /// What the originator's clean-up call costs on <see cref="CallDay.On"/>: every tranche but the subordinated one
    /// repaid its outstanding principal, its unpaid interest and the interest accrued since the last date, and every fee
    /// its arrears and what it earned since the last date (<see cref="FeeCallAmount"/>), less the cash the pool already
    /// holds (its reserve and what it retained), which the call spends first.
    /// </summary>
    public static Money CallPrice(PoolDefinition definition, PoolBalances balances, CallDay day) =>
        new(Math.Max(0, CallOwed(definition, balances, day) - balances.Reserve.Fen - balances.RetainedCash.Fen));

    private static long CallOwed(PoolDefinition definition, PoolBalances balances, CallDay day) =>
        CalledTranches(definition, balances).Sum(t => TrancheCallAmount(definition, t, day).Fen) + balances.Fees.Sum(f => FeeCallAmount(definition, balances, f, day).Fen);

    private static IEnumerable<TrancheBalance> CalledTranches(PoolDefinition definition, PoolBalances balances) =>
        balances.Tranches.Where(t => definition.Tranche(t.TrancheId).Seniority != TrancheSeniority.Subordinated);

    /// <summary>A called tranche's due: its principal and unpaid interest, and its coupon from the last date to the call (actual/360).</summary>
    public static Money TrancheCallAmount(PoolDefinition definition, TrancheBalance tranche, CallDay day) =>
        tranche.Outstanding + tranche.UnpaidInterest + DayCount.Interest(tranche.Outstanding, definition.Tranche(tranche.TrancheId).CouponPercent / 100m, day.AccruedFrom, day.On);

    /// <summary>A fee's due at the call: its arrears, and what it earned from the last date to the call (<see cref="Fee.Accrued"/>).</summary>
    public static Money FeeCallAmount(PoolDefinition definition, PoolBalances balances, FeeBalance fee, CallDay day) =>
        fee.Unpaid + definition.Fee(fee.FeeId).AsCharged().Accrued(balances.OutstandingPrincipal, day.AccruedFrom, day.On, day.PeriodEnds);

    /// <summary>
    /// The call's payout: each fee its arrears and what it earned since the last date, each holder of every tranche but the subordinated one its share of the
    /// tranche's call amount (<see cref="TrancheCallAmount"/>), by units; what the reserve and retained cash leave over
    /// stays for the winding up. The parts add up to what the call owes.
    /// </summary>
    public static PoolPayout Call(PoolDefinition definition, PoolBalances balances, IReadOnlyList<PoolHolding> holdings, CallDay day)
    {
        var payout = new PayoutBuilder(holdings);
        foreach (var fee in balances.Fees)
        {
            payout.ToParticipant(definition.Fee(fee.FeeId).PayeeId, FeeCallAmount(definition, balances, fee, day));
        }
        foreach (var tranche in CalledTranches(definition, balances))
        {
            payout.ToHolders(tranche.TrancheId, TrancheCallAmount(definition, tranche, day));
        }
        return payout.Build();
    }

    /// <summary>The balances once called: nothing owed but the subordinated tranche; the reserve and retained cash spent on the call.</summary>
    public static PoolBalances AfterCall(PoolDefinition definition, PoolBalances balances, CallDay day)
    {
        var spent = Math.Min(CallOwed(definition, balances, day), balances.Reserve.Fen + balances.RetainedCash.Fen);
        var fromReserve = Math.Min(spent, balances.Reserve.Fen);
        return balances with
        {
            Tranches = [.. balances.Tranches.Select(t => definition.Tranche(t.TrancheId).Seniority == TrancheSeniority.Subordinated ? t : t with { Outstanding = Money.Zero, UnpaidInterest = Money.Zero })],
            Fees = [.. balances.Fees.Select(f => f with { Unpaid = Money.Zero })],
            Reserve = balances.Reserve - new Money(fromReserve),
            RetainedCash = balances.RetainedCash - new Money(spent - fromReserve),
        };
    }
}

/// <summary>
/// The day of a clean-up call, the last distribution date (or the issue) its interest and fees accrue from, and the
/// next date, which ends the period a fixed fee is charged for.
/// </summary>
public readonly record struct CallDay(DateOnly AccruedFrom, DateOnly On, DateOnly PeriodEnds)
{
    /// <summary>Called on <paramref name="on"/>, the period since <paramref name="accruedFrom"/> running to the pool's next date (the call day itself if none is left).</summary>
    public static CallDay Of(PoolDefinition definition, DateOnly accruedFrom, DateOnly on) =>
        new(accruedFrom, on, definition.DistributionDates.Where(d => d > accruedFrom).DefaultIfEmpty(on).Min());
}

/// <summary>
/// Builds one posting's parts: amounts to participants, and a tranche's amount split among its holders by units
/// (largest remainder, in the register's order), one part per account; it remembers what each holder got as a holder.
/// </summary>
internal sealed class PayoutBuilder(IReadOnlyList<PoolHolding> holdings)
{
    private readonly SortedDictionary<string, long> _byAccount = new(StringComparer.Ordinal);
    private readonly SortedDictionary<Guid, Money> _toHolders = [];

    public void ToParticipant(Guid participantId, Money amount)
    {
        if (amount.Fen > 0)
        {
            var account = AccountId.ForParticipant(participantId);
            _byAccount[account] = checked(_byAccount.GetValueOrDefault(account) + amount.Fen);
        }
    }

    /// <summary>Splits the amount among the tranche's holders; false (and nothing paid) when nobody holds it.</summary>
    public bool ToHolders(string trancheId, Money amount)
    {
        var holders = holdings.Where(h => h.TrancheId == trancheId && h.Units > 0).OrderBy(h => h.InvestorId).ToArray();
        if (holders.Length == 0)
        {
            return false;
        }
        if (amount.Fen == 0)
        {
            return true;
        }
        foreach (var payment in HolderDistribution.Split(amount, [.. holders.Select(h => new Holding(h.InvestorId.ToString("N"), h.Units))]).Where(p => p.Amount.Fen > 0))
        {
            var investor = Guid.ParseExact(payment.HolderId, "N");
            ToParticipant(investor, payment.Amount);
            _toHolders[investor] = _toHolders.GetValueOrDefault(investor) + payment.Amount;
        }
        return true;
    }

    public PoolPayout Build() => new([.. _byAccount.Select(a => new DistributionPart(a.Key, new Money(a.Value)))], _toHolders);
}
