namespace Exchange.Grains.Licenses;

/// <summary>
/// What a licence covers (SPC technology-contract interpretation, Art. 28): a term, territories (region codes,
/// "CN" covering its provinces "CN-44"), fields of use (IPC classes, "H01M" covering "H01M 10/0562", or named
/// fields). The term is half-open, [Start, End): a licence ending on a day and one starting that day touch but
/// do not overlap.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LicenseScope(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] DateOnly End,
    [property: Id(2)] IReadOnlyList<string> Territories,
    [property: Id(3)] IReadOnlyList<string> Fields);

/// <summary>The scope-conflict rules between licences on one patent (domain.md §5).</summary>
public static class ScopeRules
{
    public static bool Overlaps(LicenseScope a, LicenseScope b) =>
        a.Start < b.End && b.Start < a.End
        && a.Territories.Any(x => b.Territories.Any(y => TerritoryCovers(x, y) || TerritoryCovers(y, x)))
        && a.Fields.Any(x => b.Fields.Any(y => FieldCovers(x, y) || FieldCovers(y, x)));

    /// <summary>
    /// Two licences on one patent conflict when their scopes overlap and either is exclusive or sole; ordinary
    /// licences never conflict with each other.
    /// </summary>
    public static bool Conflicts(LicenseType aType, LicenseScope a, LicenseType bType, LicenseScope b) =>
        (aType != LicenseType.Ordinary || bType != LicenseType.Ordinary) && Overlaps(a, b);

    /// <summary>A region covers itself and its subdivisions: "CN" covers "CN-44" and "CN-44-01".</summary>
    public static bool TerritoryCovers(string outer, string inner)
    {
        var o = outer.Trim().ToUpperInvariant();
        var i = inner.Trim().ToUpperInvariant();
        return i == o || i.StartsWith(o + "-", StringComparison.Ordinal);
    }

    /// <summary>
    /// A field covers itself and, for IPC classes, every narrower class: "H01M" covers "H01M 10/0562", "H01M 10"
    /// covers "H01M 10/0562" but not "H01M 100/00". Named fields match whole, ignoring case and spaces.
    /// </summary>
    public static bool FieldCovers(string outer, string inner)
    {
        var o = outer.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var i = inner.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (i == o)
        {
            return true;
        }
        if (!i.StartsWith(o, StringComparison.Ordinal))
        {
            return false;
        }
        // A section ("H") or class ("H01") covers everything below it.
        if (o.Length is 1 or 3 && o[0] is >= 'A' and <= 'H' && o[1..].All(char.IsAsciiDigit))
        {
            return true;
        }
        // Only at a boundary of the IPC hierarchy: subclass (4 chars), then main group before "/", then subgroup.
        var next = i[o.Length];
        return o.Length == 4 ? char.IsAsciiDigit(next) : next == '/';
    }
}
