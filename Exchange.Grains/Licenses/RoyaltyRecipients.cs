using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;

namespace Exchange.Grains.Licenses;

/// <summary>
/// Who receives money paid under a licence (domain.md §5, distribution order): the assignee of the royalties (a
/// pool's collection account, a pledgee in default) when they are assigned; else each earning patent an equal part,
/// each patent's part to its current owners by share, and out of an owner's part the remuneration of its service
/// inventions' registered inventors, by the owner's policy (the statutory floor unless the owner recorded another).
/// Reads the patents and owners as they are now (another grain's state): licences follow their patents.
/// </summary>
/// <summary>
/// Who a payment goes to, and the pledges told of the parts that went to them (owed after the posting, with its
/// record). Resolved once and stored with the payment's intent, before any money moves: a payment finished after a
/// crash pays and tells exactly these, even if a pledge ended or a patent changed hands in between.
/// </summary>
internal sealed record RoyaltyPayout(IReadOnlyList<DistributionPart> Parts, IReadOnlyList<FollowUp> ToPledges);

internal static class RoyaltyRecipients
{
    /// <param name="weights">What each patent earns of the payment, in <paramref name="numbers"/>' order (equal
    /// when omitted; <see cref="LicensePeriods.EarningWeights"/> for a royalty period).</param>
    /// <param name="licenseId">The paying licence: a pledged patent whose pledgee consented to it sends its part to the pledge.</param>
    /// <param name="postingId">The payment's posting, which names each part the pledges are told of.</param>
    public static async Task<RoyaltyPayout> ResolveAsync(IGrainFactory grains, IReadOnlyList<string> numbers, Money total,
        RoyaltyAssignment? assignment, Guid licenseId, string postingId, DateTimeOffset now, IReadOnlyList<decimal>? weights = null)
    {
        if (assignment is not null)
        {
            // A royalty swept to a pledgee in default counts as repayment of its loan: the pledge is told.
            IReadOnlyList<FollowUp> credit = assignment.Reason == RoyaltyAssignmentReason.PledgeDefault ? [new CreditPledge(assignment.AssignedBy, postingId, total)] : [];
            return new RoyaltyPayout([new DistributionPart(assignment.AccountId, total)], credit);
        }
        var shares = weights is { } w && w.Sum() > 0 ? w.ToArray() : numbers.Select(_ => 1m).ToArray();
        var perPatent = Allocation.ByLargestRemainder(total, shares);
        var parts = new Dictionary<string, long>();
        void Pay(string account, Money amount) => parts[account] = parts.GetValueOrDefault(account) + amount.Fen;
        var toPledges = new List<FollowUp>();
        for (var p = 0; p < numbers.Count; p++)
        {
            if (perPatent[p].Fen == 0)
            {
                continue;
            }
            var patent = await grains.GetGrain<IPatentGrain>(numbers[p]).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {numbers[p]} is not registered.");
            var owners = await OwnersAsync(grains, patent);
            var ownerParts = RoyaltyDistribution.ToOwners(perPatent[p], owners);
            if (PledgeHoldRules.ProceedsConsent(patent.Pledge, licenseId, now) is not { } consent)
            {
                foreach (var part in ownerParts)
                {
                    Pay(AccountId.ForParticipant(part.PartyId), part.Amount);
                }
                continue;
            }
            // Licensed with the pledgee's consent: the owners' part goes to the pledge, to repay early or be held (Civil
            // Code Art. 444). The service inventors' remuneration is theirs by statute, not the owners': it is paid as usual.
            foreach (var inventorPart in ownerParts.Where(r => r.IsInventor))
            {
                Pay(AccountId.ForParticipant(inventorPart.PartyId), inventorPart.Amount);
            }
            var toPledge = ownerParts.Where(r => !r.IsInventor && r.Amount.Fen > 0).ToArray();
            if (toPledge.Length == 0)
            {
                continue;
            }
            var pledge = patent.Pledge!.PledgeId;
            var amount = new Money(toPledge.Sum(r => r.Amount.Fen));
            Pay(AccountId.ForPledgeProceeds(pledge), amount);
            // What comes back to the owners goes back as it came: by each owner's part, net of its inventors'.
            toPledges.Add(new ReceivePledgeProceeds(pledge, new PledgeProceeds($"{postingId}:{numbers[p]}", amount, consent,
                toPledge.Select(r => new SurplusShare(r.PartyId, r.Amount.Fen)).ToArray())));
        }
        return new RoyaltyPayout(parts.Select(p => new DistributionPart(p.Key, new Money(p.Value))).ToArray(), toPledges);
    }

    /// <summary>A patent's owners by share, each with its remuneration policy and its service inventions' registered inventors.</summary>
    private static async Task<IReadOnlyList<RoyaltyOwner>> OwnersAsync(IGrainFactory grains, PatentSnapshot patent)
    {
        var owners = new List<RoyaltyOwner>();
        foreach (var o in patent.Owners)
        {
            var inventors = patent.Inventors.Where(i => i.IsServiceInvention && i.EmployerParticipantId == o.ParticipantId && i.ParticipantId is not null)
                .Select(i => i.ParticipantId!.Value).ToArray();
            var policy = (await grains.GetGrain<IParticipantGrain>(o.ParticipantId).TryGet())?.RemunerationPolicy ?? new RemunerationPolicy(RemunerationBasis.StatutoryFloor);
            owners.Add(new RoyaltyOwner(o.ParticipantId, o.ShareBasisPoints, policy, inventors.Length > 0, inventors));
        }
        return owners;
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
