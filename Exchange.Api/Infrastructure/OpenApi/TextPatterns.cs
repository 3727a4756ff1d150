namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// The shapes of text the server accepts, as JSON Schema (ECMA-262) patterns. Free text refuses control characters
/// (<see cref="Grains.Common.TextRules"/>: <see cref="char.IsControl(char)"/>, U+0000–U+001F and U+007F–U+009F);
/// multi-line text allows tab, line feed and carriage return.
/// </summary>
public static class TextPatterns
{
    public const string SingleLine = @"^[^\x00-\x1F\x7F-\x9F]*$";
    public const string Multiline = @"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";

    /// <summary>A participant id in its usual form, as the JSON bodies write ids.</summary>
    public const string Uuid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
}
