using Exchange.Grains.Lists;

namespace Exchange.Grains.Pledges;

/// <summary>
/// Pages of pledges as the lists hold them (newest first, by cursor), each read from its own grain for its standing
/// today: a bank's portfolio (as pledgee) and the operator's review queue (by status). The API's views and the
/// portfolio benchmark read them here.
/// </summary>
public static class PledgePortfolio
{
    public static async Task<(IReadOnlyList<PledgeSnapshot> Pledges, long? NextCursor)> PageAsync(IGrainFactory grains, Guid? pledgee, string? status, long after, int limit)
    {
        var query = new DirectoryQuery(DirectoryKinds.Pledge, pledgee, pledgee is null ? null : DirectoryRelations.Pledgee, status, DirectoryMatch.Direct, after, limit);
        var page = await grains.GetGrain<IDirectoryGrain>(0).List(query);
        var pledges = await Task.WhenAll(page.Items.Select(i => grains.GetGrain<IPledgeGrain>(Guid.ParseExact(i.Entry.ObjectId, "N")).TryGet()));
        return (pledges.OfType<PledgeSnapshot>().ToArray(), page.NextCursor);
    }
}
