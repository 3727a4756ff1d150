using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// The pure rules of a pool's structure: what an originator may define (<see cref="Validate"/>), and the waterfall
/// terms, schedule and periods the engine runs once the units are issued. The waterfall is data the structure
/// produces: fees, senior interest (the reserve covering a shortfall of those), senior principal, mezzanine interest
/// and principal, the reserve topped up, subordinated principal and the residual; accelerated, every step after
/// senior interest pays all it can to principal, senior first (the BioPharma Royalty Trust's early amortization).
/// </summary>
public static partial class PoolStructure
{
    /// <summary>国发〔2011〕38号: no more than 200 holders of one product on a venue that is not a licensed exchange.</summary>
    public const int LegalMaxHolders = 200;

    /// <summary>国发〔2011〕38号: at least five trading days between buying and reselling the same units.</summary>
    public const int LegalMinimumHoldingTradingDays = 5;

    public const int MaxDistributionDates = 40;
    public const int MaxTranches = 5;
    public const int MaxFees = 5;
    public const long MaxUnitsPerTranche = 10_000_000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")]
    private static partial Regex IdPattern();

    /// <exception cref="DomainException">invalid-pool-terms, naming the field at fault.</exception>
    public static PoolDefinition Validate(PoolDefinition definition, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = (definition.Name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            throw Refused("A pool needs a name of 1 to 200 characters.", "name");
        }
        if (definition.SubscriptionClosesOn < today)
        {
            throw Refused($"The subscription window must close today or later, not on {definition.SubscriptionClosesOn:yyyy-MM-dd}.", "subscriptionClosesOn");
        }
        var dates = definition.DistributionDates ?? [];
        if (dates.Count is 0 or > MaxDistributionDates)
        {
            throw Refused($"A pool has 1 to {MaxDistributionDates} distribution dates; {dates.Count} were given.", "distributionDates");
        }
        for (var i = 0; i < dates.Count; i++)
        {
            var after = i == 0 ? definition.SubscriptionClosesOn : dates[i - 1];
            if (dates[i] <= after)
            {
                throw Refused($"Distribution date {dates[i]:yyyy-MM-dd} must come after {(i == 0 ? "the subscription window closes" : "the one before it")} ({after:yyyy-MM-dd}).", $"distributionDates[{i}]");
            }
        }
        var projected = definition.ProjectedCollections ?? [];
        if (projected.Count != dates.Count || projected.Any(c => c.Fen < 0))
        {
            throw Refused($"The projected collections name an amount of at least 0 for each of the {dates.Count} distribution dates; {projected.Count} were given.", "projectedCollections");
        }
        ValidateTranches(definition.Tranches ?? []);
        ValidateFees(definition.Fees ?? [], definition.Tranches!);
        if (definition.ReserveTarget.Fen < 0)
        {
            throw Refused($"The reserve target cannot be negative ({definition.ReserveTarget}).", "reserveTarget");
        }
        if ((definition.CoverageTriggerMultiple != 0 && definition.CoverageTriggerMultiple is < 1 or > 10) || !TwoDecimals(definition.CoverageTriggerMultiple))
        {
            throw Refused($"The coverage trigger is a multiple of senior interest from 1 to 10 with at most two decimals (1.2), or 0 for none; {Text(definition.CoverageTriggerMultiple)} is not.", "coverageTriggerMultiple");
        }
        if (definition.CleanUpCallPercent is < 0 or > 50 || !TwoDecimals(definition.CleanUpCallPercent))
        {
            throw Refused($"The clean-up call is a percent of the original principal from 0 to 50 (10); {Text(definition.CleanUpCallPercent)} is not.", "cleanUpCallPercent");
        }
        if (definition.MaxHolders is < 1 or > LegalMaxHolders)
        {
            throw Refused($"A pool has at most {LegalMaxHolders} holders (国发〔2011〕38号); it may set fewer, from 1. {definition.MaxHolders} is not allowed.", "maxHolders");
        }
        if (definition.MinimumHoldingTradingDays is < LegalMinimumHoldingTradingDays or > 250)
        {
            throw Refused($"Units are resold no sooner than {LegalMinimumHoldingTradingDays} trading days after they were bought (国发〔2011〕38号); a pool may ask for more, up to 250. {definition.MinimumHoldingTradingDays} is not allowed.", "minimumHoldingTradingDays");
        }
        var validated = definition with { Name = name, DistributionDates = [.. dates], Tranches = [.. definition.Tranches!], Fees = [.. definition.Fees!], ProjectedCollections = [.. projected] };
        // What the engine refuses, it refuses here, before anyone subscribes (every tranche as if fully issued).
        PoolTermsRules.Validate(Terms(validated, validated.Tranches.ToDictionary(t => t.Id, t => t.UnitsOffered)));
        return validated;
    }

    private static void ValidateTranches(IReadOnlyList<TrancheDefinition> tranches)
    {
        if (tranches.Count is 0 or > MaxTranches)
        {
            throw Refused($"A pool has 1 to {MaxTranches} tranches; {tranches.Count} were given.", "tranches");
        }
        if (tranches[0].Seniority != TrancheSeniority.Senior)
        {
            throw Refused("The first tranche is a senior one: the pool's triggers watch senior interest.", "tranches[0].seniority");
        }
        for (var i = 0; i < tranches.Count; i++)
        {
            var t = tranches[i];
            var at = $"tranches[{i}]";
            if (t.Id is null || !IdPattern().IsMatch(t.Id))
            {
                throw Refused("A tranche's id is 1 to 20 letters, digits or hyphens, starting with a letter or digit.", at + ".id");
            }
            if (tranches.Take(i).Any(o => string.Equals(o.Id, t.Id, StringComparison.OrdinalIgnoreCase)))
            {
                throw Refused($"Two tranches are named {t.Id}.", at + ".id");
            }
            if (!Enum.IsDefined(t.Seniority) || (i > 0 && t.Seniority < tranches[i - 1].Seniority))
            {
                throw Refused("Tranches are listed from the most senior down: senior, then mezzanine, then subordinated.", at + ".seniority");
            }
            if (t.Seniority == TrancheSeniority.Subordinated && (i != tranches.Count - 1 || t.CouponPercent != 0))
            {
                throw Refused("A pool has at most one subordinated tranche, listed last, with no coupon: its return is the residual.", at);
            }
            if (t.UnitsOffered is < 1 or > MaxUnitsPerTranche)
            {
                throw Refused($"A tranche offers 1 to {MaxUnitsPerTranche:N0} units; {t.UnitsOffered} is not allowed.", at + ".unitsOffered");
            }
            if (t.UnitFaceValue.Fen <= 0 || new Money(checked(t.UnitFaceValue.Fen * t.UnitsOffered)).Fen > Money.MaxFen)
            {
                throw Refused($"A unit's face value must be more than nothing, and the tranche's units together within CNY 100 billion; {t.UnitFaceValue} is not allowed.", at + ".unitFaceValue");
            }
            if (t.CouponPercent is < 0 or > 30 || !TwoDecimals(t.CouponPercent))
            {
                throw Refused($"A coupon is a yearly percent from 0 to 30 with at most two decimals; {Text(t.CouponPercent)} is not.", at + ".couponPercent");
            }
            if (t.MinimumLot < 1 || t.MinimumLot > t.UnitsOffered || t.UnitsOffered % t.MinimumLot != 0)
            {
                throw Refused($"The minimum lot is at least one unit and divides the {t.UnitsOffered} units offered; {t.MinimumLot} does not.", at + ".minimumLot");
            }
            var leastToIssue = t.Seniority == TrancheSeniority.Senior ? 1 : 0;
            if (t.MinimumUnitsToIssue < leastToIssue || t.MinimumUnitsToIssue > t.UnitsOffered)
            {
                throw Refused($"A tranche needs between {leastToIssue} and its {t.UnitsOffered} units subscribed to be issued{(leastToIssue == 1 ? " (a pool without senior units is not issued)" : "")}; {t.MinimumUnitsToIssue} is not allowed.", at + ".minimumUnitsToIssue");
            }
            if (!Enum.IsDefined(t.Amortization))
            {
                throw Refused("A tranche's amortization is equalParts or atMaturity.", at + ".amortization");
            }
        }
    }

    private static void ValidateFees(IReadOnlyList<FeeDefinition> fees, IReadOnlyList<TrancheDefinition> tranches)
    {
        if (fees.Count > MaxFees)
        {
            throw Refused($"A pool has at most {MaxFees} fees; {fees.Count} were given.", "fees");
        }
        for (var i = 0; i < fees.Count; i++)
        {
            var f = fees[i];
            var at = $"fees[{i}]";
            if (f.Id is null || !IdPattern().IsMatch(f.Id) || f.Id == StepPayment.ReservePayee)
            {
                throw Refused("A fee's id is 1 to 20 letters, digits or hyphens (not \"reserve\").", at + ".id");
            }
            if (fees.Take(i).Any(o => string.Equals(o.Id, f.Id, StringComparison.OrdinalIgnoreCase)) || tranches.Any(t => string.Equals(t.Id, f.Id, StringComparison.OrdinalIgnoreCase)))
            {
                throw Refused($"The id {f.Id} names another fee or a tranche already.", at + ".id");
            }
            if (f.PayeeId == Guid.Empty)
            {
                throw Refused("A fee names the participant it is paid to.", at + ".payeeId");
            }
            var fixedFee = f.FixedPerPeriod.Fen > 0;
            var rateFee = f.AnnualPercentOfOutstanding > 0;
            if (fixedFee == rateFee || f.FixedPerPeriod.Fen < 0 || f.AnnualPercentOfOutstanding is < 0 or > 10 || !TwoDecimals(f.AnnualPercentOfOutstanding))
            {
                throw Refused("A fee is either a fixed amount per period or a yearly percent (above 0, at most 10) of the outstanding principal, not both and not neither.", at);
            }
        }
    }

    /// <summary>The engine's terms for the units issued: a tranche none of whose units were issued is not part of the pool.</summary>
    public static PoolTerms Terms(PoolDefinition definition, IReadOnlyDictionary<string, long> unitsIssued)
    {
        var tranches = definition.Tranches
            .Where(t => unitsIssued.GetValueOrDefault(t.Id) > 0)
            .Select(t => new Tranche(t.Id, t.Seniority, new Money(checked(t.UnitFaceValue.Fen * unitsIssued[t.Id])), t.CouponPercent / 100m))
            .ToArray();
        var ids = tranches.Where(t => t.Seniority == TrancheSeniority.Senior).Select(t => t.Id).ToArray();
        var mezzanine = tranches.Where(t => t.Seniority == TrancheSeniority.Mezzanine).Select(t => t.Id).ToArray();
        var subordinated = tranches.Where(t => t.Seniority == TrancheSeniority.Subordinated).Select(t => t.Id).ToArray();
        List<Trigger> triggers = [];
        if (definition.CoverageTriggerMultiple > 0)
        {
            triggers.Add(Trigger.Coverage("coverage", definition.CoverageTriggerMultiple, definition.CoverageTriggerCurable));
        }
        if (definition.MissedSeniorInterestTrigger)
        {
            triggers.Add(Trigger.MissedSeniorInterest("missed-senior-interest", curable: false));
        }
        var fees = definition.Fees.Select(f => f.AsCharged()).ToArray();
        return new PoolTerms(tranches, fees, definition.ReserveTarget, triggers, definition.CleanUpCallPercent / 100m,
            Waterfall(fees, ids, mezzanine, subordinated, accelerated: false),
            Waterfall(fees, ids, mezzanine, subordinated, accelerated: true));
    }

    private static WaterfallStep[] Waterfall(Fee[] fees, string[] senior, string[] mezzanine, string[] subordinated, bool accelerated)
    {
        var basis = accelerated ? PrincipalBasis.AllAvailable : PrincipalBasis.BySchedule;
        List<WaterfallStep> steps = [.. fees.Select(f => new PayFee(f.Id)), new PayInterest(senior, PaymentOrder.ProRata), new DrawReserveForShortfall(), new PayPrincipal(senior, PaymentOrder.Sequential, basis)];
        if (mezzanine.Length > 0)
        {
            steps.Add(new PayInterest(mezzanine, PaymentOrder.Sequential));
            steps.Add(new PayPrincipal(mezzanine, PaymentOrder.Sequential, basis));
        }
        if (!accelerated)
        {
            steps.Add(new TopUpReserve());
        }
        if (subordinated.Length > 0)
        {
            steps.Add(new PayPrincipal(subordinated, PaymentOrder.Sequential, basis));
            steps.Add(new PayResidual(subordinated[0]));
        }
        return [.. steps];
    }

    /// <summary>
    /// The period ending on distribution date <paramref name="index"/> (0-based): from the issue (or the date before)
    /// to that date, with the principal each tranche's schedule calls for on it.
    /// </summary>
    public static DistributionPeriod Period(PoolDefinition definition, PoolTerms terms, DateOnly issuedOn, int index)
    {
        var dates = definition.DistributionDates;
        var start = index == 0 ? issuedOn : dates[index - 1];
        var scheduled = terms.Tranches.Select(t => new ScheduledPrincipal(t.Id, ScheduledOn(definition.Tranche(t.Id).Amortization, t.OriginalPrincipal, dates.Count, index))).ToArray();
        return new DistributionPeriod(start, dates[index], scheduled);
    }

    /// <summary>Equal parts of the original principal on every date, the last taking what the floors left; or everything on the last date.</summary>
    public static Money ScheduledOn(Amortization amortization, Money original, int dates, int index)
    {
        var last = index == dates - 1;
        if (amortization == Amortization.AtMaturity)
        {
            return last ? original : Money.Zero;
        }
        var part = original.Fen / dates;
        return new Money(last ? original.Fen - part * (dates - 1) : part);
    }

    /// <summary>
    /// The pool run forward on its projected collections scaled by <paramref name="collectionsFactor"/> (0.7: royalties
    /// fall 30%), from <paramref name="start"/> (the balances now, or at issue) over the dates not yet distributed;
    /// nothing moves. Before issue every tranche is assumed fully subscribed.
    /// </summary>
    public static IReadOnlyList<PeriodReport> Scenario(PoolDefinition definition, IReadOnlyDictionary<string, long>? unitsIssued, PoolBalances? start, DateOnly issuedOn, int datesDistributed, decimal collectionsFactor)
    {
        if (collectionsFactor is < 0 or > 10)
        {
            throw Refused("A scenario scales the projected collections by a factor from 0 to 10 (0.7 for a 30% fall).", "collectionsFactor");
        }
        var units = unitsIssued ?? definition.Tranches.ToDictionary(t => t.Id, t => t.UnitsOffered);
        var terms = Terms(definition, units);
        var periods = Enumerable.Range(datesDistributed, definition.DistributionDates.Count - datesDistributed)
            .Select(i => new ProjectedPeriod(Period(definition, terms, issuedOn, i), definition.ProjectedCollections[i])).ToArray();
        return ScenarioProjection.Project(terms, start ?? PoolBalances.AtIssue(terms), periods, collectionsFactor);
    }

    private static DomainException Refused(string message, string field) => new(DomainErrors.InvalidPoolTerms, message, field);

    private static bool TwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
