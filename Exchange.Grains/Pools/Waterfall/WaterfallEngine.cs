using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Runs one period of a pool's waterfall: a pure, deterministic function of the terms, the balances at the period's
/// start, the period and its collections. It moves no money; the pool grain posts what the report says.
/// <para>
/// Which waterfall runs: the one of <see cref="PoolBalances.State"/>, which the previous period's triggers decided.
/// Triggers are tested at the end of the period, on what the waterfall paid (a missed senior interest payment is only
/// known once it ran), and switch the next period's waterfall, never the one that produced the figures they test.
/// That is how a determination date works in practice, and it keeps a period free of circular rules.
/// </para>
/// </summary>
public static class WaterfallEngine
{
    public static PeriodReport Run(PoolTerms terms, PoolBalances balances, DistributionPeriod period, Money collections)
    {
        PoolTermsRules.Validate(terms);
        PoolTermsRules.ValidateBalances(terms, balances);
        PoolTermsRules.ValidatePeriod(terms, period, collections);
        return new PeriodRun(terms, balances, period, collections).Run();
    }

    /// <summary>The working figures of one period; private so that only the finished report leaves the engine.</summary>
    private sealed class PeriodRun
    {
        private readonly PoolTerms _terms;
        private readonly PoolBalances _balances;
        private readonly DistributionPeriod _period;
        private readonly Money _collections;
        private readonly Dictionary<string, int> _trancheIndex;
        private readonly Dictionary<string, int> _feeIndex;
        private readonly long[] _outstanding;
        private readonly long[] _interestDue;
        private readonly long[] _interestPaid;
        private readonly long[] _principalPaid;
        private readonly long[] _scheduledLeft;
        private readonly long[] _residualPaid;
        private readonly long[] _feeDue;
        private readonly long[] _feePaid;
        private long _available;
        private long _reserve;
        private long _reserveDraw;
        private long _reserveTopUp;

        public PeriodRun(PoolTerms terms, PoolBalances balances, DistributionPeriod period, Money collections)
        {
            _terms = terms;
            _balances = balances;
            _period = period;
            _collections = collections;
            var tranches = terms.Tranches;
            _trancheIndex = tranches.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            _feeIndex = terms.Fees.Select((f, i) => (f.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            _outstanding = tranches.Select(t => balances.Tranche(t.Id).Outstanding.Fen).ToArray();
            // Interest accrues on the principal outstanding at the period's start: repayments this period come after it.
            _interestDue = tranches.Select(t =>
            {
                var balance = balances.Tranche(t.Id);
                return (DayCount.Interest(balance.Outstanding, t.AnnualCouponRate, period.Start, period.End) + balance.UnpaidInterest).Fen;
            }).ToArray();
            _interestPaid = new long[tranches.Count];
            _principalPaid = new long[tranches.Count];
            _residualPaid = new long[tranches.Count];
            _scheduledLeft = tranches.Select(t => period.ScheduledPrincipal.FirstOrDefault(s => s.TrancheId == t.Id)?.Amount.Fen ?? 0).ToArray();
            var poolOutstanding = balances.OutstandingPrincipal;
            _feeDue = terms.Fees.Select(f =>
            {
                var accrued = f.Accrued(poolOutstanding, period.Start, period.End, period.End);
                return (accrued + balances.Fees.Single(b => b.FeeId == f.Id).Unpaid).Fen;
            }).ToArray();
            _feePaid = new long[terms.Fees.Count];
            _available = checked(collections.Fen + balances.RetainedCash.Fen);
            _reserve = balances.Reserve.Fen;
        }

        public PeriodReport Run()
        {
            var steps = _terms.WaterfallFor(_balances.State);
            var reports = new StepReport[steps.Count];
            for (var i = 0; i < steps.Count; i++)
            {
                var payments = steps[i] is DrawReserveForShortfall ? DrawReserve(steps.Take(i)) : Execute(steps[i], ref _available);
                reports[i] = new StepReport(i, steps[i], payments);
            }
            return Report(reports);
        }

        private List<StepPayment> Execute(WaterfallStep step, ref long cash)
        {
            switch (step)
            {
                case PayFee fee:
                    var f = _feeIndex[fee.FeeId];
                    return [PayEach(PaymentKind.Fee, [fee.FeeId], [f], PaymentOrder.Sequential, _feeDue, _feePaid, null, ref cash)[0]];
                case PayInterest interest:
                    return PayEach(PaymentKind.Interest, interest.TrancheIds, Indices(interest.TrancheIds), interest.Order, _interestDue, _interestPaid, null, ref cash);
                case PayPrincipal principal:
                    var indices = Indices(principal.TrancheIds);
                    var due = principal.Basis == PrincipalBasis.BySchedule
                        ? _outstanding.Select((o, i) => Math.Min(o, _scheduledLeft[i])).ToArray()
                        : (long[])_outstanding.Clone();
                    var payments = PayEach(PaymentKind.Principal, principal.TrancheIds, indices, principal.Order, due, new long[due.Length], _principalPaid, ref cash);
                    foreach (var (index, payment) in indices.Zip(payments))
                    {
                        _outstanding[index] -= payment.Paid.Fen;
                        _scheduledLeft[index] = Math.Max(0, _scheduledLeft[index] - payment.Paid.Fen);
                    }
                    return payments;
                case TopUpReserve:
                    var wanted = Math.Max(0, _terms.ReserveTarget.Fen - _reserve);
                    var moved = Math.Min(wanted, cash);
                    cash -= moved;
                    _reserve += moved;
                    _reserveTopUp += moved;
                    return [new StepPayment(PaymentKind.ReserveTopUp, StepPayment.ReservePayee, new Money(wanted), new Money(moved))];
                case PayResidual residual:
                    var t = _trancheIndex[residual.TrancheId];
                    var all = cash;
                    cash = 0;
                    _residualPaid[t] += all;
                    return [new StepPayment(PaymentKind.Residual, residual.TrancheId, new Money(all), new Money(all))];
                default:
                    throw new InvalidOperationException($"Unvalidated step {step.GetType().Name}.");
            }
        }

        /// <summary>
        /// Pays what the fee and interest steps before the draw left unpaid, from the reserve, by running those steps
        /// again on the drawn cash alone: each keeps its own order (sequential or pro rata), and the draw takes exactly
        /// what they can use, so none of it leaks to the steps after.
        /// </summary>
        private List<StepPayment> DrawReserve(IEnumerable<WaterfallStep> earlier)
        {
            var covered = earlier.Where(s => s is PayFee or PayInterest).ToArray();
            var shortfall = UnpaidOf(covered);
            var drawn = Math.Min(shortfall, _reserve);
            _reserve -= drawn;
            _reserveDraw = drawn;
            var payments = new List<StepPayment>();
            foreach (var step in covered)
            {
                payments.AddRange(Execute(step, ref drawn).Where(p => p.Due.Fen > 0));
            }
            // The covered steps together were due the whole shortfall, so the draw is spent to the fen.
            _available += drawn;
            return payments;
        }

        private long UnpaidOf(IEnumerable<WaterfallStep> steps)
        {
            var fees = new HashSet<int>();
            var tranches = new HashSet<int>();
            foreach (var step in steps)
            {
                if (step is PayFee fee)
                {
                    fees.Add(_feeIndex[fee.FeeId]);
                }
                else if (step is PayInterest interest)
                {
                    tranches.UnionWith(Indices(interest.TrancheIds));
                }
            }
            return fees.Sum(f => _feeDue[f] - _feePaid[f]) + tranches.Sum(t => _interestDue[t] - _interestPaid[t]);
        }

        /// <summary>
        /// Pays the named payees at most what each is still due and at most the cash: sequentially in the named order,
        /// or pro rata to what each is due, split by largest remainder so the parts add up to the cash exactly.
        /// </summary>
        private static List<StepPayment> PayEach(PaymentKind kind, IReadOnlyList<string> ids, int[] indices, PaymentOrder order,
            long[] due, long[] paid, long[]? alsoPaid, ref long cash)
        {
            var owed = indices.Select(i => due[i] - paid[i]).ToArray();
            var parts = new long[indices.Length];
            var totalOwed = owed.Sum();
            if (cash >= totalOwed)
            {
                Array.Copy(owed, parts, owed.Length);
            }
            else if (order == PaymentOrder.Sequential)
            {
                var left = cash;
                for (var k = 0; k < owed.Length; k++)
                {
                    parts[k] = Math.Min(owed[k], left);
                    left -= parts[k];
                }
            }
            else if (cash > 0)
            {
                // The cash is less than the total owed, so no share exceeds what its payee is owed (and nothing owed, nothing paid).
                var shares = Allocation.ByLargestRemainder(new Money(cash), owed.Select(o => (decimal)o).ToArray());
                for (var k = 0; k < owed.Length; k++)
                {
                    parts[k] = shares[k].Fen;
                }
            }
            var payments = new List<StepPayment>(indices.Length);
            for (var k = 0; k < indices.Length; k++)
            {
                paid[indices[k]] += parts[k];
                if (alsoPaid is not null)
                {
                    alsoPaid[indices[k]] += parts[k];
                }
                cash -= parts[k];
                payments.Add(new StepPayment(kind, ids[k], new Money(owed[k]), new Money(parts[k])));
            }
            return payments;
        }

        private int[] Indices(IReadOnlyList<string> trancheIds) => trancheIds.Select(id => _trancheIndex[id]).ToArray();

        private PeriodReport Report(StepReport[] steps)
        {
            var tranches = _terms.Tranches.Select((t, i) => new TrancheOutcome(
                t.Id,
                new Money(_interestDue[i]),
                new Money(_interestPaid[i]),
                new Money(_principalPaid[i]),
                new Money(_residualPaid[i]),
                new Money(_outstanding[i]),
                new Money(_interestDue[i] - _interestPaid[i]))).ToArray();
            var triggers = EvaluateTriggers(tranches);
            var forGood = _balances.AcceleratedForGood || triggers.Any(t => t.Breached && !t.Curable);
            var nextState = forGood || triggers.Any(t => t.Breached) ? PoolState.Accelerated : PoolState.Normal;
            var after = new PoolBalances(
                nextState,
                forGood,
                tranches.Select(t => new TrancheBalance(t.TrancheId, t.OutstandingAfter, t.UnpaidInterestAfter)).ToArray(),
                _terms.Fees.Select((f, i) => new FeeBalance(f.Id, new Money(_feeDue[i] - _feePaid[i]))).ToArray(),
                new Money(_reserve),
                new Money(_available));
            var paidOut = steps.SelectMany(s => s.Payments).Where(p => p.Kind != PaymentKind.ReserveTopUp).Sum(p => p.Paid.Fen);
            // Below the share of the original: compared exactly, in decimal, so 10% of an odd number of fen is not rounded.
            var cleanUp = after.OutstandingPrincipal.Fen < _terms.CleanUpCallShare * _terms.OriginalPrincipal.Fen;
            return new PeriodReport(
                _period,
                _balances.State,
                _balances.RetainedCash,
                _collections,
                new Money(_reserveDraw),
                new Money(_reserveTopUp),
                new Money(paidOut),
                new Money(_available),
                new Money(_reserve),
                steps,
                tranches,
                triggers,
                nextState,
                cleanUp,
                after);
        }

        private TriggerEvaluation[] EvaluateTriggers(TrancheOutcome[] tranches)
        {
            var senior = _terms.Tranches.Select((t, i) => (t, i)).Where(p => p.t.Seniority == TrancheSeniority.Senior).Select(p => tranches[p.i]).ToArray();
            var seniorDue = new Money(senior.Sum(t => t.InterestDue.Fen));
            var seniorPaid = new Money(senior.Sum(t => t.InterestPaid.Fen));
            return _terms.Triggers.Select(trigger =>
            {
                if (trigger.Kind == TriggerKind.Coverage)
                {
                    var threshold = new Money((long)Math.Ceiling(seniorDue.Fen * trigger.CoverageMultiple));
                    return new TriggerEvaluation(trigger.Id, trigger.Kind, trigger.Curable, _collections < threshold, _collections, threshold);
                }
                return new TriggerEvaluation(trigger.Id, trigger.Kind, trigger.Curable, seniorPaid < seniorDue, seniorPaid, seniorDue);
            }).ToArray();
        }
    }
}
