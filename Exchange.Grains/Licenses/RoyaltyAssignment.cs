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
public sealed record RoyaltyAssignment([property: Id(0)] string AccountId, [property: Id(1)] RoyaltyAssignmentReason Reason, [property: Id(2)] Guid AssignedBy)
{
    /// <summary>A pool's royalties go to its collection account, a pledgee's to its own account.</summary>
    public static RoyaltyAssignment Validate(RoyaltyAssignment assignment)
    {
        var valid = assignment.Reason == RoyaltyAssignmentReason.Pool
            ? assignment.AccountId.StartsWith("pool:", StringComparison.Ordinal)
            : Ledger.AccountId.TryGetParticipant(assignment.AccountId, out _);
        return valid && Enum.IsDefined(assignment.Reason) ? assignment
            : throw new Common.DomainException(Common.DomainErrors.InvalidInput,
                $"Royalties assigned for {assignment.Reason} go to a pool collection account or a pledgee's account, not {assignment.AccountId}.", "accountId");
    }
}
