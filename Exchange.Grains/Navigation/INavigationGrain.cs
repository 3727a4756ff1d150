namespace Exchange.Grains.Navigation;

/// <summary>Patent navigation (专利导航): listing search and market data, answered from the navigation tables.</summary>
[Alias("exchange.navigation")]
public interface INavigationGrain : IGrainWithIntegerKey
{
    [Alias("search")]
    Task<ListingSearchPage> Search(ListingQuery query);

    /// <summary>Licences not filed with the patent office within three months of taking effect, oldest first, after the cursor (<see cref="OverdueFilingCursor"/>).</summary>
    [Alias("overdue-filings")]
    Task<OverdueFilingPage> OverdueFilings(OverdueFiling? after, int limit);

    /// <summary>Count and median price of completed deals per IPC subclass and kind, in [from, to).</summary>
    [Alias("deal-statistics")]
    Task<IReadOnlyList<DealStatistic>> DealStatistics(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to);
}
