using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Listings;

/// <summary>
/// What a listing needs from its patents, read from each patent's snapshot (another grain's state): every patent in
/// force, the lister's right to deal in it (an agency's mandate from every owner, domain.md §4, or a pledge in
/// enforcement), and what navigation searches it by.
/// </summary>
internal static class ListedPatents
{
    public sealed record Summary(IReadOnlyList<Guid> Owners, IReadOnlyList<string> IpcClasses, string SearchText);

    /// <param name="enforcesPledge">For an enforcement listing: the pledge that gives the lister (its pledgee) the right to sell, instead of the owners' mandate.</param>
    public static async Task<Summary> GatherAsync(IGrainFactory grains, IReadOnlyList<string> numbers, Guid listerId, Guid? enforcesPledge, DateOnly today)
    {
        if (enforcesPledge is not null)
        {
            await RequireRightToDealAsync(grains, numbers, listerId, enforcesPledge, today);
        }
        var owners = new SortedSet<Guid>();
        var ipcClasses = new SortedSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var number in numbers)
        {
            // One read per patent: an agency's mandate is checked on the snapshot read here, not read again.
            var patent = await RequirePatentAsync(grains, number);
            if (enforcesPledge is null)
            {
                RequireMandate(patent, number, listerId, today);
            }
            if (!patent.IsInForce)
            {
                throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {number} is {PatentLifecycle.Describe(patent.LegalStatus)}; only patents in force are listed.");
            }
            patent.EnsureTradable("listed");
            owners.UnionWith(patent.Owners.Select(o => o.ParticipantId));
            ipcClasses.UnionWith(patent.IpcClasses);
            text.Append(patent.Title).Append(' ').Append(patent.Abstract).Append(' ');
        }
        return new Summary([.. owners], [.. ipcClasses], text.ToString().ToLowerInvariant());
    }

    /// <summary>
    /// A deal binds the owners, so the lister's right to make it must hold when it is listed and again when a deal is
    /// made: an agency's current mandate from every owner (domain.md §4), or for an enforcement listing, the pledge's
    /// own right of sale over a loan in default (Civil Code Art. 436), which the pledge confirms.
    /// </summary>
    public static async Task RequireRightToDealAsync(IGrainFactory grains, IReadOnlyList<string> numbers, Guid listerId, Guid? enforcesPledge, DateOnly today)
    {
        if (enforcesPledge is { } pledge)
        {
            await grains.GetGrain<Pledges.IPledgeGrain>(pledge).EnsureMayListForEnforcement(numbers, new Actor(listerId, "Pledgee"));
            return;
        }
        foreach (var number in numbers)
        {
            RequireMandate(await RequirePatentAsync(grains, number), number, listerId, today);
        }
    }

    private static void RequireMandate(PatentSnapshot patent, string number, Guid agencyId, DateOnly today)
    {
        if (!patent.IsMandated(agencyId, today))
        {
            throw new DomainException(DomainErrors.MandateMissing, $"Agency {agencyId} holds no current mandate from every owner of patent {number}.");
        }
    }

    private static async Task<PatentSnapshot> RequirePatentAsync(IGrainFactory grains, string number) =>
        await grains.GetGrain<IPatentGrain>(number).TryGet()
            ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");
}
