namespace Exchange.Grains.Navigation;

public enum DealKind
{
    Sale = 0,
    License = 1,
}

/// <summary>A completed deal, kept for market data: the price reference every patent market lacks (domain.md §4).</summary>
[GenerateSerializer, Immutable]
public sealed record DealRecord(
    [property: Id(0)] Guid DealId,
    [property: Id(1)] DealKind Kind,
    [property: Id(2)] string ApplicationNumber,
    [property: Id(3)] string IpcSubclass,
    [property: Id(4)] long PriceFen,
    [property: Id(5)] DateTimeOffset CompletedAt);

/// <summary>Completed deals of one IPC subclass in a period: how many, and the median price.</summary>
[GenerateSerializer, Immutable]
public sealed record DealStatistic(
    [property: Id(0)] string IpcSubclass,
    [property: Id(1)] DealKind Kind,
    [property: Id(2)] int Count,
    [property: Id(3)] long MedianPriceFen);

public static class MarketStatistics
{
    /// <summary>The IPC subclass a class belongs to: its first four characters ("H01M 10/0562" → "H01M").</summary>
    public static string Subclass(string ipc) => ListingIndexEntry.NormalizeIpc(ipc)[..4];

    /// <summary>Median of the prices, to the fen: the middle one, or the mean of the two middle ones rounded half to even.</summary>
    public static long Median(IReadOnlyList<long> prices)
    {
        if (prices.Count == 0)
        {
            throw new ArgumentException("No prices.", nameof(prices));
        }
        var sorted = prices.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (long)Math.Round(((decimal)sorted[middle - 1] + sorted[middle]) / 2m, MidpointRounding.ToEven);
    }

    public static IReadOnlyList<DealStatistic> Summarize(IEnumerable<DealRecord> deals) => deals
        .GroupBy(d => (d.IpcSubclass, d.Kind))
        .OrderBy(g => g.Key.IpcSubclass).ThenBy(g => g.Key.Kind)
        .Select(g => new DealStatistic(g.Key.IpcSubclass, g.Key.Kind, g.Count(), Median(g.Select(d => d.PriceFen).ToArray())))
        .ToArray();
}
