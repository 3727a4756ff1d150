namespace Exchange.Api.Patents;

/// <summary>
/// An application number as the OpenAPI document declares it (<see cref="Grains.Patents.ApplicationNumber"/> parses
/// it): an optional ZL or CN prefix, 12 digits with the kind digit fifth (or, before 2004, 8 with it third), a dot
/// and the check character. The server also takes lower case and surrounding spaces; this is the canonical form.
/// </summary>
public static class ApplicationNumberSchema
{
    /// <summary>"ZL", 12 digits, the dot and the check character.</summary>
    public const int MaxLength = 16;

    public const string Pattern = @"^(ZL|CN)?(\d{4}[12389]\d{7}|\d{2}[12389]\d{5})\.[0-9X]$";
}
