namespace Exchange.Grains.Pools;

/// <summary>What a subscription must be (domain.md §7): whole lots of a tranche, no more than it offers, and within the pool's limit on holders (国发〔2011〕38号).</summary>
public static class PoolSubscriptionRules
{
    /// <exception cref="Common.DomainException">invalid-subscription, or pool-holder-limit-reached for an investor beyond the pool's limit.</exception>
    public static void EnsureAllowed(PoolDefinition definition, TrancheDefinition tranche, long units, IReadOnlyList<PoolSubscription> taken, Guid investorId, int maxSubscriptions)
    {
        if (units < tranche.MinimumLot || units % tranche.MinimumLot != 0 || units > tranche.UnitsOffered)
        {
            throw new Common.DomainException(Common.DomainErrors.InvalidSubscription,
                $"Tranche {tranche.Id} is subscribed in whole lots of {tranche.MinimumLot} units, up to the {tranche.UnitsOffered} it offers; {units} is not allowed.", "units");
        }
        if (taken.Count >= maxSubscriptions)
        {
            throw new Common.DomainException(Common.DomainErrors.InvalidSubscription, $"The pool's window has taken {maxSubscriptions} subscriptions, as many as it keeps; subscribe for more units in one.", "units");
        }
        var subscribers = taken.Select(s => s.InvestorId).ToHashSet();
        if (!subscribers.Contains(investorId) && subscribers.Count >= definition.MaxHolders)
        {
            throw new Common.DomainException(Common.DomainErrors.PoolHolderLimitReached,
                $"The pool has {subscribers.Count} subscribers, as many holders as it may have ({definition.MaxHolders}); a new investor cannot subscribe.");
        }
    }
}
