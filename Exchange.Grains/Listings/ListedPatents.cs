using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Listings;

/// <summary>
/// What a listing needs from its patents, read from each patent's snapshot (another grain's state): every patent in
/// force and mandated to the agency by every owner (domain.md §4), and what navigation searches it by.
/// </summary>
internal static class ListedPatents
{
    public sealed record Summary(IReadOnlyList<Guid> Owners, IReadOnlyList<string> IpcClasses, string SearchText);

    public static async Task<Summary> GatherAsync(IGrainFactory grains, IEnumerable<string> numbers, Guid agencyId, DateOnly today)
    {
        var owners = new SortedSet<Guid>();
        var ipcClasses = new SortedSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var number in numbers)
        {
            var patent = await RequireMandatedAsync(grains, number, agencyId, today);
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

    /// <summary>A deal binds the owners: the agency's mandate must hold when it is listed and again when a deal is made.</summary>
    public static async Task<PatentSnapshot> RequireMandatedAsync(IGrainFactory grains, string number, Guid agencyId, DateOnly today)
    {
        var patent = await grains.GetGrain<IPatentGrain>(number).TryGet()
            ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");
        return patent.IsMandated(agencyId, today) ? patent
            : throw new DomainException(DomainErrors.MandateMissing, $"Agency {agencyId} holds no current mandate from every owner of patent {number}.");
    }
}
