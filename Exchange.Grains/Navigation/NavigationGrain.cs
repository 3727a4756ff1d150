using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Navigation;

[StatelessWorker]
[GrainType("navigation")]
internal sealed class NavigationGrain(IProjectionStore store, TimeProvider clock) : Grain, INavigationGrain
{
    public async Task<OverdueFilingPage> OverdueFilings(OverdueFiling? after, int limit)
    {
        var rows = await store.ReadOverdueFilingsAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), after, limit + 1);
        return rows.Count > limit ? new OverdueFilingPage([.. rows.Take(limit)], OverdueFilingCursor.Of(rows[limit - 1])) : new OverdueFilingPage(rows, null);
    }

    public Task<ListingSearchPage> Search(ListingQuery query) => store.SearchListingsAsync(query);

    public async Task<IReadOnlyList<DealStatistic>> DealStatistics(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to) =>
        MarketStatistics.Summarize(await store.ReadDealsAsync(SubclassPrefix(ipcPrefix), from, to));

    /// <summary>Deals are kept by subclass; a longer prefix ("H01M 10/05") narrows to its subclass ("H01M").</summary>
    private static string? SubclassPrefix(string? ipcPrefix)
    {
        if (ipcPrefix is null)
        {
            return null;
        }
        var normalized = ListingIndexEntry.NormalizeIpc(ipcPrefix);
        return normalized[..Math.Min(4, normalized.Length)];
    }
}
