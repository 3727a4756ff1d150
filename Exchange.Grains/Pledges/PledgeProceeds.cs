using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// Money of a deal in the collateral the pledgee consented to (a sale's price, a licence's fee or royalty for a pledged
/// patent), paid into the pledge's proceeds account.
/// </summary>
/// <param name="PostingId">The payment that brought it: the pledge applies each once.</param>
/// <param name="Deal">The deal it came from, by which the pledge finds the route its pledgee chose.</param>
/// <param name="Owners">Whose money it would have been: the surplus, or the escrow once released, goes back to them by these weights.</param>
/// <param name="SoldPatent">The patent a sale took out of the collateral; null for a licence's money.</param>
[GenerateSerializer, Immutable]
public sealed record PledgeProceeds(
    [property: Id(0)] string PostingId,
    [property: Id(1)] Money Amount,
    [property: Id(2)] PledgeeConsent Deal,
    [property: Id(3)] IReadOnlyList<SurplusShare> Owners,
    [property: Id(4)] string? SoldPatent = null);

/// <summary>An owner's part of some money: of the escrow the pledge holds, or of what it pays back.</summary>
[GenerateSerializer, Immutable]
public sealed record OwnerAmount([property: Id(0)] Guid OwnerId, [property: Id(1)] Money Amount);

/// <summary>Where the loan stands for proceeds arriving now.</summary>
/// <param name="Ended">The pledge has ended: the money goes back to the owners.</param>
/// <param name="Running">The loan is registered and repaid (performing, in default or being enforced).</param>
/// <param name="DueNow">What the schedule asks for today: the instalments due on or before today and the rest of one part-paid. Paid first.</param>
/// <param name="PrincipalAfterDue">The principal still owed once <paramref name="DueNow"/> is paid: what the rest may repay early.</param>
/// <param name="AccruesFrom">Since when that principal bears interest not yet in a paid instalment: the due date of the last instalment paid once <paramref name="DueNow"/> is (or the loan's start).</param>
public sealed record ProceedsTarget(bool Ended, bool Running, Money DueNow, Money PrincipalAfterDue, decimal AnnualRate, DateOnly AccruesFrom, DateOnly Today)
{
    /// <summary>What repays the whole debt today: what is due, the principal after it and the interest accrued on that.</summary>
    public Money Debt => DueNow + PrincipalAfterDue + EarlyRepayment.InterestSince(PrincipalAfterDue, AnnualRate, AccruesFrom, Today);
}

/// <summary>How one receipt of proceeds is applied; the parts add up to the amount received exactly.</summary>
/// <param name="PrincipalPrepaid">Principal repaid early (the schedule is recomputed on what is left).</param>
/// <param name="Interest">The interest accrued on that principal since <see cref="ProceedsTarget.AccruesFrom"/>, paid with it.</param>
/// <param name="CreditedToSchedule">Paid towards the instalments due now, as a repayment is: the arrears of a loan in default first.</param>
/// <param name="ToOwners">Beyond the debt, or after the pledge ended: back to the owners now.</param>
/// <param name="Escrowed">Held in the pledge's account for these owners, until the loan is repaid or enforced.</param>
public sealed record ProceedsApplication(Money PrincipalPrepaid, Money Interest, Money CreditedToSchedule, IReadOnlyList<OwnerAmount> ToOwners, IReadOnlyList<OwnerAmount> Escrowed)
{
    public Money ToPledgee => PrincipalPrepaid + Interest + CreditedToSchedule;
}

/// <summary>What an amount pays of the debt: the instalments due now, then principal early with the interest accrued on it.</summary>
public sealed record DebtPayment(Money CreditedToSchedule, Money PrincipalPrepaid, Money Interest)
{
    public Money Total => CreditedToSchedule + PrincipalPrepaid + Interest;
}

/// <summary>
/// The money of a consented deal (Civil Code Art. 444: it "shall be used to pay off the debt in advance or be placed in
/// escrow"), as the pledgee chose. Paying the debt in advance pays it as it stands today: first what the schedule asks
/// for now (the arrears of a loan in default, an instalment due or part-paid), then principal with the interest accrued
/// on it, never interest of months to come; anything beyond the debt goes back to the owners. Escrow keeps the money,
/// each owner's part recorded, until the loan is repaid (back to the owners) or enforced (to the pledgee first).
/// </summary>
public static class PledgeProceedsRules
{
    public static ProceedsApplication Apply(Money amount, IReadOnlyList<SurplusShare> owners, ProceedsRoute route, ProceedsTarget target)
    {
        if (amount.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Proceeds are more than nothing; {amount} is not.");
        }
        if (target.Ended)
        {
            return new ProceedsApplication(Money.Zero, Money.Zero, Money.Zero, Split(amount, owners), []);
        }
        // Money before the loan runs (the pledge still under review) waits in escrow whatever the route.
        if (route == ProceedsRoute.Escrow || !target.Running)
        {
            return new ProceedsApplication(Money.Zero, Money.Zero, Money.Zero, [], Split(amount, owners));
        }
        var paid = ToDebt(amount, target);
        return new ProceedsApplication(paid.PrincipalPrepaid, paid.Interest, paid.CreditedToSchedule, Split(amount - paid.Total, owners), []);
    }

    /// <summary>What <paramref name="amount"/> pays of the debt, at most all of it: the instalments due now, then the most principal it repays with its interest.</summary>
    public static DebtPayment ToDebt(Money amount, ProceedsTarget target)
    {
        var credited = amount < target.DueNow ? amount : target.DueNow;
        var principal = PrincipalFor(amount - credited, target);
        if (principal.Fen == 0)
        {
            return new DebtPayment(credited, Money.Zero, Money.Zero);
        }
        // Short of the whole balance, the fen the interest's rounding leaves over is interest too; past it, the rest is the owners'.
        var interest = principal == target.PrincipalAfterDue
            ? EarlyRepayment.InterestSince(principal, target.AnnualRate, target.AccruesFrom, target.Today)
            : amount - credited - principal;
        return new DebtPayment(credited, principal, interest);
    }

    /// <summary>The most principal, at most <see cref="ProceedsTarget.PrincipalAfterDue"/>, that the amount repays together with the interest accrued on it.</summary>
    public static Money PrincipalFor(Money amount, ProceedsTarget target)
    {
        var rateToDate = EarlyRepayment.AccrualFactor(target.AnnualRate, target.AccruesFrom, target.Today);
        var outstanding = target.PrincipalAfterDue.Fen;
        // The estimate is within a fen or two of the answer; the steps below make it exact under the interest's rounding.
        var principal = Math.Max(0, Math.Min(outstanding, (long)Math.Floor(amount.Fen / (1m + rateToDate))));
        long Cost(long p) => p + EarlyRepayment.InterestSince(new Money(p), target.AnnualRate, target.AccruesFrom, target.Today).Fen;
        while (principal > 0 && Cost(principal) > amount.Fen)
        {
            principal--;
        }
        while (principal < outstanding && Cost(principal + 1) <= amount.Fen)
        {
            principal++;
        }
        return new Money(principal);
    }

    /// <summary>The amount split by the owners' weights, largest remainder, so the parts add up exactly; owners with nothing left out.</summary>
    public static IReadOnlyList<OwnerAmount> Split(Money amount, IReadOnlyList<SurplusShare> owners)
    {
        if (amount.Fen == 0)
        {
            return [];
        }
        if (owners.Count == 0 || owners.Sum(o => o.Weight) <= 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Proceeds name the owners they belong to.");
        }
        var parts = Allocation.ByLargestRemainder(amount, owners.Select(o => (decimal)o.Weight).ToArray());
        return owners.Zip(parts).Where(p => p.Second.Fen > 0).Select(p => new OwnerAmount(p.First.PledgorId, p.Second)).ToArray();
    }

    /// <summary>The escrow with more added, one entry per owner.</summary>
    public static List<OwnerAmount> Add(IEnumerable<OwnerAmount> escrow, IEnumerable<OwnerAmount> more) =>
        [.. escrow.Concat(more).GroupBy(e => e.OwnerId).OrderBy(g => g.Key).Select(g => new OwnerAmount(g.Key, new Money(g.Sum(e => e.Amount.Fen))))];

    /// <summary>
    /// Takes <paramref name="amount"/> out of the escrow, from each owner in proportion to what it holds (largest
    /// remainder): what each gave, and what is left.
    /// </summary>
    public static (IReadOnlyList<OwnerAmount> Taken, List<OwnerAmount> Left) Draw(IReadOnlyList<OwnerAmount> escrow, Money amount)
    {
        var total = Total(escrow);
        if (amount.Fen < 0 || amount > total)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"The escrow holds {total}; {amount} cannot be drawn from it.");
        }
        var taken = Split(amount, [.. escrow.Select(e => new SurplusShare(e.OwnerId, e.Amount.Fen))]);
        var left = escrow.Select(e => new OwnerAmount(e.OwnerId, e.Amount - new Money(taken.Where(t => t.OwnerId == e.OwnerId).Sum(t => t.Amount.Fen))))
            .Where(e => e.Amount.Fen > 0).ToList();
        return (taken, left);
    }

    public static Money Total(IEnumerable<OwnerAmount> amounts) => new(amounts.Sum(a => a.Amount.Fen));
}
