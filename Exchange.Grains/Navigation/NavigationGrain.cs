using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Navigation;

[StatelessWorker]
[GrainType("navigation")]
internal sealed class NavigationGrain(IProjectionStore store, TimeProvider clock) : Grain, INavigationGrain
{
    public async Task<IReadOnlyList<OverdueFiling>> OverdueFilings(int limit) =>
        (await store.ReadOverdueFilingsAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), limit)).Select(f => new OverdueFiling(f.LicenseId, f.Deadline)).ToArray();

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
