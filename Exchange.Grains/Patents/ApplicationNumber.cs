using System.Globalization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>
/// A Chinese patent application number, the patent's identity (domain.md §3). Since 2004: 12 digits — year (4),
/// kind (1), serial (7) — a dot and a check character; before: 8 digits — year (2), kind (1), serial (5). The
/// check character is Σ digit × weight (weights 2..9 then 2..5) mod 11, with 10 written X. A granted patent is
/// cited as ZL + application number, and publications write CN before it; either prefix is accepted and dropped.
/// Eight-digit numbers were issued from 1985 (the first Patent Law) to 2003, so their two-digit years 85–99 are
/// 1985–1999 and 00–03 are 2000–2003.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct ApplicationNumber
{
    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    private ApplicationNumber(string digits, char check)
    {
        Digits = digits;
        Check = check;
    }

    /// <summary>The 12 or 8 digits before the dot.</summary>
    [Id(0)] public string Digits { get; }

    [Id(1)] public char Check { get; }

    public bool IsPre2004 => Digits.Length == 8;

    public int FilingYear => IsPre2004 ? CenturyOf(int.Parse(Digits.AsSpan(0, 2), CultureInfo.InvariantCulture)) : int.Parse(Digits.AsSpan(0, 4), CultureInfo.InvariantCulture);

    /// <summary>The first Patent Law took effect in 1985: two-digit years below 85 are of this century.</summary>
    private static int CenturyOf(int twoDigitYear) => twoDigitYear >= 85 ? 1900 + twoDigitYear : 2000 + twoDigitYear;

    public PatentKind Kind => (PatentKind)(Digits[IsPre2004 ? 2 : 4] - '0');

    /// <summary>The basic kind for term and fees: PCT national-phase applications follow invention or utility model.</summary>
    public PatentKind BasicKind => Kind switch
    {
        PatentKind.PctInvention => PatentKind.Invention,
        PatentKind.PctUtilityModel => PatentKind.UtilityModel,
        var kind => kind,
    };

    public string GrantedNumber => "ZL" + this;

    public override string ToString() => $"{Digits}.{Check}";

    public static char CheckCharacterOf(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * Weights[i];
        }
        var check = sum % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>
    /// The number the user most likely meant when only its check character is wrong or missing: the same digits with
    /// the check character they give. Null when the text is valid already, or when its digits are wrong too (a wrong
    /// length or kind digit cannot be guessed).
    /// </summary>
    public static string? SuggestCorrection(string? text)
    {
        if (TryParse(text, out _, out _))
        {
            return null;
        }
        var digits = WithoutPrefix(text);
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            digits = digits[..dot];
        }
        if (digits.Length is not (12 or 8) || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var candidate = $"{digits}.{CheckCharacterOf(digits)}";
        return TryParse(candidate, out var number, out _) ? number.ToString() : null;
    }

    public static ApplicationNumber Parse(string? text) =>
        TryParse(text, out var number, out var error) ? number : throw new DomainException(DomainErrors.InvalidApplicationNumber, error, "applicationNumber");

    public static bool TryParse(string? text, out ApplicationNumber number, out string error)
    {
        number = default;
        var value = WithoutPrefix(text);
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || dot != value.Length - 2)
        {
            error = $"'{text}' is not an application number: expected 12 (or, before 2004, 8) digits, a dot and a check character, like 201710601862.3.";
            return false;
        }
        var digits = value[..dot];
        var check = value[^1];
        if (digits.Length is not (12 or 8) || !digits.All(char.IsAsciiDigit))
        {
            error = $"'{text}' has {digits.Length} characters before the dot; an application number has 12 digits (8 before 2004).";
            return false;
        }
        var kindDigit = digits[digits.Length == 12 ? 4 : 2] - '0';
        if (!Enum.IsDefined((PatentKind)kindDigit))
        {
            error = $"'{text}' has kind digit {kindDigit}; it must be 1 (invention), 2 (utility model), 3 (design), 8 (PCT invention) or 9 (PCT utility model).";
            return false;
        }
        var expected = CheckCharacterOf(digits);
        if (check != expected)
        {
            error = $"'{text}' has check character {check}, but the digits give {expected}: the number is mistyped.";
            return false;
        }
        number = new ApplicationNumber(digits, check);
        error = "";
        return true;
    }

    /// <summary>The text in upper case without surrounding spaces and without a ZL or CN prefix.</summary>
    private static string WithoutPrefix(string? text)
    {
        var value = (text ?? "").Trim().ToUpperInvariant();
        return value.StartsWith("ZL", StringComparison.Ordinal) || value.StartsWith("CN", StringComparison.Ordinal) ? value[2..].TrimStart() : value;
    }
}
