using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Licenses;

/// <summary>
/// Who receives money paid under a licence (domain.md §5, distribution order): the assignee of the royalties (a
/// pool's collection account, a pledgee in default) when they are assigned; else each earning patent an equal part,
/// each patent's part to its current owners by share, and out of an owner's part the remuneration of its service
/// inventions' registered inventors, by the owner's policy (the statutory floor unless the owner recorded another).
/// Reads the patents and owners as they are now (another grain's state): licences follow their patents.
/// </summary>
internal static class RoyaltyRecipients
{
    /// <param name="weights">What each patent earns of the payment, in <paramref name="numbers"/>' order (equal
    /// when omitted; <see cref="LicensePeriods.EarningWeights"/> for a royalty period).</param>
    public static async Task<IReadOnlyList<DistributionPart>> ResolveAsync(IGrainFactory grains, IReadOnlyList<string> numbers, Money total,
        RoyaltyAssignment? assignment, IReadOnlyList<decimal>? weights = null)
    {
        if (assignment is not null)
        {
            return [new DistributionPart(assignment.AccountId, total)];
        }
        var shares = weights is { } w && w.Sum() > 0 ? w.ToArray() : numbers.Select(_ => 1m).ToArray();
        var perPatent = Allocation.ByLargestRemainder(total, shares);
        var parts = new Dictionary<Guid, long>();
        for (var p = 0; p < numbers.Count; p++)
        {
            if (perPatent[p].Fen == 0)
            {
                continue;
            }
            var patent = await grains.GetGrain<IPatentGrain>(numbers[p]).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {numbers[p]} is not registered.");
            var owners = new List<RoyaltyOwner>();
            foreach (var o in patent.Owners)
            {
                var inventors = patent.Inventors.Where(i => i.IsServiceInvention && i.EmployerParticipantId == o.ParticipantId && i.ParticipantId is not null)
                    .Select(i => i.ParticipantId!.Value).ToArray();
                var policy = (await grains.GetGrain<IParticipantGrain>(o.ParticipantId).TryGet())?.RemunerationPolicy ?? new RemunerationPolicy(RemunerationBasis.StatutoryFloor);
                owners.Add(new RoyaltyOwner(o.ParticipantId, o.ShareBasisPoints, policy, inventors.Length > 0, inventors));
            }
            foreach (var part in RoyaltyDistribution.ToOwners(perPatent[p], owners))
            {
                parts[part.PartyId] = parts.GetValueOrDefault(part.PartyId) + part.Amount.Fen;
            }
        }
        return parts.Select(p => new DistributionPart(AccountId.ForParticipant(p.Key), new Money(p.Value))).ToArray();
    }

    /// <summary>The current owners of the licensed patents: the licensors, who consent and who may terminate.</summary>
    public static async Task<IReadOnlyList<Guid>> CurrentOwnersAsync(IGrainFactory grains, IEnumerable<string> numbers)
    {
        var owners = new SortedSet<Guid>();
        foreach (var number in numbers)
        {
            if (await grains.GetGrain<IPatentGrain>(number).TryGet() is { } patent)
            {
                owners.UnionWith(patent.Owners.Select(o => o.ParticipantId));
            }
        }
        return [.. owners];
    }
}
