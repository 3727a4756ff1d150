using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>
/// How the price of collateral sold on enforcement is paid out (domain.md §6): the pledgee first, up to everything it
/// is owed (outstanding principal, interest accrued to the sale, arrears); any surplus to the pledgor; what the price
/// does not cover stays a claim of the pledgee on the pledgor. The parts add up to the price exactly.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EnforcementProceeds(
    [property: Id(0)] Money ToPledgee,
    [property: Id(1)] Money ToPledgor,
    [property: Id(2)] Money Shortfall)
{
    public static EnforcementProceeds Split(Money price, Money owed)
    {
        if (price < Money.Zero || owed < Money.Zero)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Neither the sale price ({price}) nor the debt ({owed}) can be negative.");
        }
        var toPledgee = price < owed ? price : owed;
        return new EnforcementProceeds(toPledgee, price - toPledgee, owed - toPledgee);
    }

    /// <summary>
    /// What the pledgor owes the pledgee on <paramref name="on"/>: the principal not yet repaid, the arrears' interest
    /// already in the schedule, and simple interest on the outstanding principal from the last due date (or the
    /// start) to that day, at the contract rate over a 360-day year (the convention of Chinese bank loans).
    /// </summary>
    public static Money Owed(LoanTerms terms, IReadOnlyList<Instalment> schedule, LoanStanding standing, DateOnly on)
    {
        var overdueInterest = schedule.Skip(standing.InstalmentsPaid).Where(i => i.DueOn < on).Sum(i => i.Interest.Fen);
        var lastDue = schedule.Where(i => i.DueOn < on).Select(i => (DateOnly?)i.DueOn).LastOrDefault() ?? terms.Start;
        var days = Math.Max(0, on.DayNumber - lastDue.DayNumber);
        var accrued = (long)Math.Round(standing.OutstandingPrincipal.Fen * terms.AnnualRate * days / 360m, MidpointRounding.AwayFromZero);
        return standing.OutstandingPrincipal + new Money(overdueInterest + accrued);
    }
}
