namespace Exchange.Grains.Licenses;

public enum RoyaltyAssignmentReason
{
    /// <summary>The receivable was sold into a securitization pool: royalties go to the pool's collection account.</summary>
    Pool = 0,

    /// <summary>The royalty right is pledged and the loan is in default: royalties are swept to the pledgee.</summary>
    PledgeDefault = 1,
}

/// <summary>
/// Where a licence's royalties go instead of the owners (domain.md §5, the first two steps of the distribution
/// order). The pool and pledge slices set and end it; until one is set, royalties go to the owners.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoyaltyAssignment([property: Id(0)] string AccountId, [property: Id(1)] RoyaltyAssignmentReason Reason, [property: Id(2)] Guid AssignedBy);
