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
/// <param name="MayPrepay">The loan performs and nothing is overdue or part-paid: proceeds may repay principal early.</param>
public sealed record ProceedsTarget(bool Ended, bool Running, bool MayPrepay, Money OutstandingPrincipal, Money StillOwed, LoanTerms Terms, IReadOnlyList<Instalment> Schedule, DateOnly Today);

/// <summary>How one receipt of proceeds is applied; the parts add up to the amount received exactly.</summary>
/// <param name="PrincipalPrepaid">Principal repaid early (the schedule is recomputed on what is left).</param>
/// <param name="Interest">The interest accrued on that principal since the last due date, paid with it.</param>
/// <param name="CreditedToSchedule">Paid towards the instalments in order, as a repayment is (a loan in default pays its arrears first).</param>
/// <param name="ToOwners">Beyond the debt, or after the pledge ended: back to the owners now.</param>
/// <param name="Escrowed">Held in the pledge's account for these owners, until the loan is repaid or enforced.</param>
public sealed record ProceedsApplication(Money PrincipalPrepaid, Money Interest, Money CreditedToSchedule, IReadOnlyList<OwnerAmount> ToOwners, IReadOnlyList<OwnerAmount> Escrowed)
{
    public Money ToPledgee => PrincipalPrepaid + Interest + CreditedToSchedule;
}

/// <summary>
/// The money of a consented deal (Civil Code Art. 444: it "shall be used to pay off the debt in advance or be placed in
/// escrow"), as the pledgee chose: early repayment pays principal with the interest accrued on it (a loan that is
/// overdue pays its instalments in order instead), anything beyond the debt going back to the owners; escrow keeps the
/// money, each owner's part recorded, until the loan is repaid (back to the owners) or enforced (to the pledgee first).
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
        if (target.MayPrepay && PrincipalFor(amount, target) is { Fen: > 0 } principal)
        {
            // Short of the whole balance, the fen the interest's rounding leaves over is interest too; past it, the rest is the owners'.
            var interest = principal == target.OutstandingPrincipal ? EarlyRepayment.AccruedInterest(principal, target.Terms, target.Schedule, target.Today) : amount - principal;
            return new ProceedsApplication(principal, interest, Money.Zero, Split(amount - principal - interest, owners), []);
        }
        var credited = amount < target.StillOwed ? amount : target.StillOwed;
        return new ProceedsApplication(Money.Zero, Money.Zero, credited, Split(amount - credited, owners), []);
    }

    /// <summary>The most principal, at most the balance, that the amount repays together with the interest accrued on it.</summary>
    public static Money PrincipalFor(Money amount, ProceedsTarget target)
    {
        var rateToDate = EarlyRepayment.AccrualFactor(target.Terms, target.Schedule, target.Today);
        // The estimate is within a fen or two of the answer; the steps below make it exact under the interest's rounding.
        var principal = Math.Min(target.OutstandingPrincipal.Fen, (long)Math.Floor(amount.Fen / (1m + rateToDate)));
        long Cost(long p) => p + EarlyRepayment.AccruedInterest(new Money(p), target.Terms, target.Schedule, target.Today).Fen;
        while (principal > 0 && Cost(principal) > amount.Fen)
        {
            principal--;
        }
        while (principal < target.OutstandingPrincipal.Fen && Cost(principal + 1) <= amount.Fen)
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
