namespace Exchange.Grains.Common;

/// <summary>
/// Free text the exchange stores and shows (names, titles, references, memos): trimmed, within its length, and
/// without control characters — a NUL or an escape code in a legal name breaks every document it is printed on.
/// Line breaks are allowed only where a text may run over several lines (an abstract).
/// </summary>
public static class TextRules
{
    public static string Required(string? text, string field, string what, int maxLength, bool multiline = false)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || value.Length > maxLength)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The {what} is required and at most {maxLength} characters.", field);
        }
        return Printable(value, field, what, multiline);
    }

    public static string Optional(string? text, string field, string what, int maxLength, bool multiline = false)
    {
        var value = text?.Trim() ?? "";
        if (value.Length > maxLength)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The {what} is at most {maxLength} characters.", field);
        }
        return Printable(value, field, what, multiline);
    }

    private static string Printable(string value, string field, string what, bool multiline)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"The {what} contains a control character (U+{(int)c:X4}); only printable text is accepted.", field);
            }
        }
        return value;
    }
}
