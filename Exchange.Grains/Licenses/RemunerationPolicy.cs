using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

public enum RemunerationBasis
{
    /// <summary>What employer and inventors agreed: a percentage of the licence income.</summary>
    Agreed = 0,

    /// <summary>No agreement: at least 50% of net licence income (S&amp;T Achievements Transformation Law Art. 45; 2023 Regulations Art. 94).</summary>
    StatutoryFloor = 1,

    /// <summary>The 2010 Implementing Regulations' floor (Art. 78): at least 10% of licence fees.</summary>
    Legacy = 2,
}

/// <summary>An owner's policy for remunerating the inventors of its service inventions, in basis points of income.</summary>
[GenerateSerializer, Immutable]
public sealed record RemunerationPolicy([property: Id(0)] RemunerationBasis Basis, [property: Id(1)] int AgreedBasisPoints = 0)
{
    public int BasisPoints => Basis switch
    {
        RemunerationBasis.Agreed when AgreedBasisPoints is >= 0 and <= 10_000 => AgreedBasisPoints,
        RemunerationBasis.Agreed => throw new DomainException(DomainErrors.InvalidInput, "An agreed remuneration is between 0% and 100%.", "agreedBasisPoints"),
        RemunerationBasis.StatutoryFloor => 5_000,
        RemunerationBasis.Legacy => 1_000,
        _ => throw new DomainException(DomainErrors.InvalidInput, $"Unknown remuneration basis {(int)Basis}.", "basis"),
    };
}

/// <summary>One owner of a licensed patent, its share, its policy and whether the invention is a service invention.</summary>
public sealed record RoyaltyOwner(Guid OwnerId, int ShareBasisPoints, RemunerationPolicy Policy, bool ServiceInvention, IReadOnlyList<Guid> Inventors);

/// <summary>Who receives what of one royalty payment.</summary>
public sealed record RoyaltyPart(Guid PartyId, bool IsInventor, Money Amount);

/// <summary>
/// Distribution of a royalty to the owners by share, with the inventors' remuneration carved out of each owner's
/// part for service inventions and shared equally among that owner's inventors. Every split is by largest
/// remainder, so the parts always add up to the payment to the fen (domain.md §2, §5).
/// </summary>
public static class RoyaltyDistribution
{
    public static IReadOnlyList<RoyaltyPart> ToOwners(Money payment, IReadOnlyList<RoyaltyOwner> owners)
    {
        if (owners.Count == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A royalty is distributed among at least one owner.", "owners");
        }
        var ownerParts = Allocation.ByLargestRemainder(payment, owners.Select(o => (decimal)o.ShareBasisPoints).ToArray());
        var parts = new List<RoyaltyPart>();
        for (var i = 0; i < owners.Count; i++)
        {
            var owner = owners[i];
            if (!owner.ServiceInvention || owner.Inventors.Count == 0 || owner.Policy.BasisPoints == 0)
            {
                parts.Add(new RoyaltyPart(owner.OwnerId, false, ownerParts[i]));
                continue;
            }
            // The inventors' carve-out and the owner's remainder split the owner's part exactly.
            var split = Allocation.ByLargestRemainder(ownerParts[i], [owner.Policy.BasisPoints, 10_000 - owner.Policy.BasisPoints]);
            var perInventor = Allocation.ByLargestRemainder(split[0], owner.Inventors.Select(_ => 1m).ToArray());
            parts.AddRange(owner.Inventors.Select((inventor, k) => new RoyaltyPart(inventor, true, perInventor[k])));
            parts.Add(new RoyaltyPart(owner.OwnerId, false, split[1]));
        }
        return parts;
    }
}
