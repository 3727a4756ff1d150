namespace Exchange.Grains.Navigation;

/// <summary>The one definition of what a query matches, used by the in-memory store (the SQL store says the same in SQL).</summary>
internal static class ListingFilter
{
    public static bool Matches(ListingIndexEntry e, ListingQuery q) =>
        (q.Status is null || e.Status == q.Status)
        && (q.IpcPrefix is null || e.IpcClasses.Any(c => ListingIndexEntry.NormalizeIpc(c).StartsWith(ListingIndexEntry.NormalizeIpc(q.IpcPrefix), StringComparison.Ordinal)))
        && (q.Keyword is null || e.Text.Contains(q.Keyword.ToLowerInvariant(), StringComparison.Ordinal))
        && (q.LicenseType is null || e.LicenseType == q.LicenseType)
        && (q.MinPriceFen is null || e.AskingPriceFen >= q.MinPriceFen)
        && (q.MaxPriceFen is null || e.AskingPriceFen <= q.MaxPriceFen)
        && (q.OwnerId is null || e.OwnerIds.Contains(q.OwnerId.Value))
        && (q.After is null || e.CreatedAt < q.After.CreatedAt || (e.CreatedAt == q.After.CreatedAt && e.ListingId.CompareTo(q.After.ListingId) < 0));
}
