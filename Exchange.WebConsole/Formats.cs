using System.Globalization;

namespace Exchange.WebConsole;

/// <summary>Amounts in CNY to the fen and dates in the user's locale, in the exchange's business time (China, UTC+8).</summary>
public static class Formats
{
    /// <summary>China Standard Time has had no daylight saving since 1991, so a fixed offset is exact.</summary>
    public static readonly TimeSpan BusinessOffset = TimeSpan.FromHours(8);

    public static string Money(decimal amount) => Money(amount, CultureInfo.CurrentCulture);

    public static string Money(decimal amount, CultureInfo culture)
    {
        var number = Math.Abs(amount).ToString("N2", culture);
        var sign = amount < 0 ? culture.NumberFormat.NegativeSign : "";
        // Chinese readers write ¥; elsewhere the ISO code leaves no doubt that it is the yuan (not the yen).
        return culture.Name.StartsWith("zh", StringComparison.Ordinal) ? $"{sign}¥{number}" : $"{sign}CNY {number}";
    }

    public static string DateTime(DateTimeOffset at) => at.ToOffset(BusinessOffset).ToString("g", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
