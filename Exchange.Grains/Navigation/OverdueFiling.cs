namespace Exchange.Grains.Navigation;

/// <summary>A licence whose record filing is past its three-month deadline.</summary>
[GenerateSerializer, Immutable]
public sealed record OverdueFiling([property: Id(0)] Guid LicenseId, [property: Id(1)] DateOnly Deadline);

/// <summary>A page of overdue filings, oldest deadline first; <see cref="NextCursor"/> continues after its last.</summary>
[GenerateSerializer, Immutable]
public sealed record OverdueFilingPage([property: Id(0)] IReadOnlyList<OverdueFiling> Items, [property: Id(1)] string? NextCursor);

/// <summary>Where a page of overdue filings ends: its last deadline and licence, as text ("2026-03-01~32 hex digits").</summary>
public static class OverdueFilingCursor
{
    /// <summary>A date, a tilde and a licence id in 32 hex digits.</summary>
    public const string Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}~[0-9a-fA-F]{32}$";

    public const int MaxLength = 43;

    public static string Of(OverdueFiling last) => $"{last.Deadline:yyyy-MM-dd}~{last.LicenseId:N}";

    public static bool TryParse(string? text, out OverdueFiling? after)
    {
        after = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        var parts = text.Split('~');
        if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var deadline) && Guid.TryParseExact(parts[1], "N", out var id))
        {
            after = new OverdueFiling(id, deadline);
            return true;
        }
        return false;
    }
}
