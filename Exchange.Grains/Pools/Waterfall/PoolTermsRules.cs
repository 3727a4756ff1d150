using System.Globalization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// What the waterfall engine refuses to run, each with a message naming the tranche, fee or step at fault: terms a
/// structuring mistake would produce (a step naming an unknown tranche, a negative rate, an empty waterfall), and
/// balances or periods that do not belong to the terms.
/// </summary>
public static class PoolTermsRules
{
    public static void Validate(PoolTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Tranches.Count == 0)
        {
            throw Refused("A pool needs at least one tranche.", "tranches");
        }
        RequireUniqueIds(terms.Tranches.Select(t => t.Id), "tranche", "tranches");
        foreach (var tranche in terms.Tranches)
        {
            if (tranche.OriginalPrincipal.Fen <= 0)
            {
                throw Refused($"Tranche {tranche.Id}'s original principal must be more than nothing; {tranche.OriginalPrincipal} is not.", "tranches");
            }
            RequireRate(tranche.AnnualCouponRate, $"Tranche {tranche.Id}'s coupon", "tranches");
        }
        RequireUniqueIds(terms.Fees.Select(f => f.Id), "fee", "fees");
        foreach (var fee in terms.Fees)
        {
            if (fee.FixedAmount.Fen < 0)
            {
                throw Refused($"Fee {fee.Id} cannot be a negative amount ({fee.FixedAmount}).", "fees");
            }
            RequireRate(fee.AnnualRate, $"Fee {fee.Id}'s rate", "fees");
        }
        if (terms.ReserveTarget.Fen < 0)
        {
            throw Refused($"The reserve target cannot be negative ({terms.ReserveTarget}).", "reserveTarget");
        }
        if (terms.CleanUpCallShare is < 0 or >= 1)
        {
            throw Refused($"The clean-up call share is a fraction from 0 up to (not including) 1, such as 0.10; {Text(terms.CleanUpCallShare)} is not.", "cleanUpCallShare");
        }
        RequireUniqueIds(terms.Triggers.Select(t => t.Id), "trigger", "triggers");
        foreach (var trigger in terms.Triggers.Where(t => t.Kind == TriggerKind.Coverage && t.CoverageMultiple <= 0))
        {
            throw Refused($"Coverage trigger {trigger.Id} needs a multiple above zero, such as 1.2; {Text(trigger.CoverageMultiple)} is not.", "triggers");
        }
        ValidateWaterfall(terms, PoolState.Normal);
        ValidateWaterfall(terms, PoolState.Accelerated);
    }

    /// <summary>Refuses balances that are not this pool's: other tranches or fees, negative amounts, more principal than was issued.</summary>
    public static void ValidateBalances(PoolTerms terms, PoolBalances balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        if (!terms.Tranches.Select(t => t.Id).Order(StringComparer.Ordinal).SequenceEqual(balances.Tranches.Select(t => t.TrancheId).Order(StringComparer.Ordinal)))
        {
            throw Refused("The balances must name each of the pool's tranches exactly once.", "balances");
        }
        if (!terms.Fees.Select(f => f.Id).Order(StringComparer.Ordinal).SequenceEqual(balances.Fees.Select(f => f.FeeId).Order(StringComparer.Ordinal)))
        {
            throw Refused("The balances must name each of the pool's fees exactly once.", "balances");
        }
        foreach (var balance in balances.Tranches)
        {
            var original = terms.Tranches.Single(t => t.Id == balance.TrancheId).OriginalPrincipal;
            if (balance.Outstanding.Fen < 0 || balance.Outstanding > original || balance.UnpaidInterest.Fen < 0)
            {
                throw Refused($"Tranche {balance.TrancheId} cannot owe {balance.Outstanding} of its {original} with {balance.UnpaidInterest} of interest unpaid.", "balances");
            }
        }
        if (balances.Fees.Any(f => f.Unpaid.Fen < 0) || balances.Reserve.Fen < 0 || balances.RetainedCash.Fen < 0)
        {
            throw Refused("Unpaid fees, the reserve and retained cash cannot be negative.", "balances");
        }
        if (balances.AcceleratedForGood && balances.State != PoolState.Accelerated)
        {
            throw Refused("A pool accelerated for good by a non-curable trigger cannot be in its normal state.", "balances");
        }
    }

    public static void ValidatePeriod(PoolTerms terms, DistributionPeriod period, Money collections)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.End <= period.Start)
        {
            throw Refused($"A period must end after it starts; {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd} does not.", "period");
        }
        RequireUniqueIds(period.ScheduledPrincipal.Select(s => s.TrancheId), "scheduled tranche", "period");
        foreach (var scheduled in period.ScheduledPrincipal)
        {
            if (terms.Tranches.All(t => t.Id != scheduled.TrancheId))
            {
                throw Refused($"The schedule names tranche {scheduled.TrancheId}, which the pool does not have.", "period");
            }
            if (scheduled.Amount.Fen < 0)
            {
                throw Refused($"Tranche {scheduled.TrancheId}'s scheduled principal cannot be negative ({scheduled.Amount}).", "period");
            }
        }
        if (collections.Fen < 0)
        {
            throw Refused($"A period's collections cannot be negative ({collections}).", "collections");
        }
    }

    private static void ValidateWaterfall(PoolTerms terms, PoolState state)
    {
        var steps = terms.WaterfallFor(state);
        var name = state == PoolState.Normal ? "normal" : "accelerated";
        if (steps is null || steps.Count == 0)
        {
            throw Refused($"The {name} waterfall has no steps; every pool state needs one.", "waterfall");
        }
        var draws = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var where = $"Step {i + 1} of the {name} waterfall";
            switch (steps[i])
            {
                case PayFee fee:
                    if (terms.Fees.All(f => f.Id != fee.FeeId))
                    {
                        throw Refused($"{where} pays fee {fee.FeeId}, which the pool does not have.", "waterfall");
                    }
                    break;
                case PayInterest interest:
                    RequireTranches(terms, interest.TrancheIds, where);
                    break;
                case PayPrincipal principal:
                    RequireTranches(terms, principal.TrancheIds, where);
                    break;
                case PayResidual residual:
                    RequireTranches(terms, [residual.TrancheId], where);
                    if (i != steps.Count - 1)
                    {
                        throw Refused($"{where} pays the residual, so it must be the last: nothing is left for the steps after it.", "waterfall");
                    }
                    break;
                case DrawReserveForShortfall:
                    if (++draws > 1)
                    {
                        throw Refused($"{where} draws on the reserve a second time; a waterfall draws once, after the steps it protects.", "waterfall");
                    }
                    if (!steps.Take(i).Any(s => s is PayFee or PayInterest))
                    {
                        throw Refused($"{where} draws on the reserve, but no fee or interest step comes before it for the draw to cover.", "waterfall");
                    }
                    break;
                case TopUpReserve:
                    break;
                default:
                    throw Refused($"{where} is not a step the engine knows ({steps[i]?.GetType().Name ?? "null"}).", "waterfall");
            }
        }
    }

    private static void RequireTranches(PoolTerms terms, IReadOnlyList<string> trancheIds, string where)
    {
        if (trancheIds is null || trancheIds.Count == 0)
        {
            throw Refused($"{where} names no tranche.", "waterfall");
        }
        if (trancheIds.Distinct(StringComparer.Ordinal).Count() != trancheIds.Count)
        {
            throw Refused($"{where} names a tranche twice.", "waterfall");
        }
        foreach (var id in trancheIds.Where(id => terms.Tranches.All(t => t.Id != id)))
        {
            throw Refused($"{where} names tranche {id}, which the pool does not have.", "waterfall");
        }
    }

    private static void RequireUniqueIds(IEnumerable<string> ids, string what, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw Refused($"Every {what} needs an id.", field);
            }
            if (!seen.Add(id))
            {
                throw Refused($"Two {what}s share the id {id}.", field);
            }
        }
    }

    private static void RequireRate(decimal rate, string what, string field)
    {
        if (rate is < 0 or >= 1)
        {
            throw Refused($"{what} is a yearly fraction from 0 up to (not including) 1, such as 0.04 for 4%; {Text(rate)} is not.", field);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static DomainException Refused(string message, string field) => new(DomainErrors.InvalidPoolTerms, message, field);
}
