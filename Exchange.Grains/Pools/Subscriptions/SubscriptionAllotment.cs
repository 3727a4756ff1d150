using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Allots a tranche's units at the end of its subscription window (domain.md §7). Below the minimum to issue, the issue
/// is cancelled and everyone refunded in full; up to the units offered, everyone gets what it asked; oversubscribed,
/// the offered lots are split pro rata to the lots asked for, by largest remainder, and the rest refunded.
/// <para>
/// Allotment is in whole lots, not units: an investor who may only subscribe in lots of 100 should not be left holding
/// 37 units it could not have bought. So the offered units and every request must be whole lots; under heavy
/// oversubscription a small subscriber may get no lot at all, and ties go to the earlier subscription (the caller
/// passes them in the order received).
/// </para>
/// </summary>
public static class SubscriptionAllotment
{
    public static AllotmentResult Allot(Offering offering, IReadOnlyList<Subscription> subscriptions)
    {
        Validate(offering, subscriptions);
        var requested = subscriptions.Sum(s => s.UnitsRequested);
        if (requested < offering.MinimumUnitsToIssue)
        {
            return new AllotmentResult(AllotmentOutcome.Cancelled, subscriptions.Select(s => Allotment(offering, s, 0)).ToArray());
        }
        if (requested <= offering.UnitsOffered)
        {
            return new AllotmentResult(AllotmentOutcome.AllottedInFull, subscriptions.Select(s => Allotment(offering, s, s.UnitsRequested)).ToArray());
        }
        // Allocation splits money, but a count of lots is as exact a whole number as a count of fen: the same
        // largest-remainder rule, with no part above its request because the lots offered are fewer than those asked.
        var lots = Allocation.ByLargestRemainder(
            new Money(offering.UnitsOffered / offering.MinimumLot),
            subscriptions.Select(s => (decimal)(s.UnitsRequested / offering.MinimumLot)).ToArray());
        return new AllotmentResult(AllotmentOutcome.ScaledBack,
            subscriptions.Select((s, i) => Allotment(offering, s, lots[i].Fen * offering.MinimumLot)).ToArray());
    }

    private static InvestorAllotment Allotment(Offering offering, Subscription subscription, long units)
    {
        var paidIn = new Money(checked(subscription.UnitsRequested * offering.UnitPrice.Fen));
        var kept = new Money(checked(units * offering.UnitPrice.Fen));
        return new InvestorAllotment(subscription.InvestorId, subscription.UnitsRequested, units, paidIn, kept, paidIn - kept);
    }

    private static void Validate(Offering offering, IReadOnlyList<Subscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (offering.MinimumLot <= 0 || offering.UnitsOffered <= 0 || offering.UnitsOffered % offering.MinimumLot != 0)
        {
            throw Refused($"An offering is a whole number of lots of at least one unit; {offering.UnitsOffered} units in lots of {offering.MinimumLot} is not.", "unitsOffered");
        }
        if (offering.UnitPrice.Fen <= 0)
        {
            throw Refused($"A unit's price must be more than nothing; {offering.UnitPrice} is not.", "unitPrice");
        }
        if (offering.MinimumUnitsToIssue < 0 || offering.MinimumUnitsToIssue > offering.UnitsOffered)
        {
            throw Refused($"The minimum to issue is from 0 to the {offering.UnitsOffered} units offered; {offering.MinimumUnitsToIssue} is not.", "minimumUnitsToIssue");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            if (string.IsNullOrWhiteSpace(subscription.InvestorId) || !seen.Add(subscription.InvestorId))
            {
                throw Refused($"Each investor subscribes once, under its id; '{subscription.InvestorId}' is missing or repeated.", "subscriptions");
            }
            if (subscription.UnitsRequested <= 0 || subscription.UnitsRequested % offering.MinimumLot != 0)
            {
                throw Refused($"Investor {subscription.InvestorId} asked for {subscription.UnitsRequested} units; a subscription is one or more whole lots of {offering.MinimumLot}.", "subscriptions");
            }
        }
        // The escrow must be a valid amount: the most every subscriber could have paid in, together.
        var total = subscriptions.Aggregate(0m, (sum, s) => sum + (decimal)s.UnitsRequested * offering.UnitPrice.Fen);
        if (total > Money.MaxFen)
        {
            throw Refused($"The subscriptions come to more than the exchange's limit of CNY {Money.MaxFen / 100:N0}.", "subscriptions");
        }
    }

    private static DomainException Refused(string message, string field) => new(DomainErrors.InvalidSubscription, message, field);
}
