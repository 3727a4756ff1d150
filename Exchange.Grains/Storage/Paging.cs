namespace Exchange.Grains.Storage;

/// <summary>Keyset pagination: fetch one row more than asked, and its presence says whether a next page exists.</summary>
internal static class Paging
{
    public static TPage Page<TRow, TPage>(IReadOnlyList<TRow> rowsPlusOne, int limit, Func<TRow, long> sequence, Func<IReadOnlyList<TRow>, long?, TPage> make)
    {
        if (rowsPlusOne.Count <= limit)
        {
            return make(rowsPlusOne, null);
        }
        var rows = rowsPlusOne.Take(limit).ToArray();
        return make(rows, sequence(rows[^1]));
    }
}
