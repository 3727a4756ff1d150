using System.Globalization;

namespace Exchange.WebConsole.Components.Shared;

/// <summary>An amount in yuan as a user types it, in either culture's decimal point, with or without ¥ and thousands commas.</summary>
public static class AmountText
{
    /// <summary>Whether the text is a number at all; whether it is an acceptable amount (positive, to the fen) is the API's to judge.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        var plain = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }
}
