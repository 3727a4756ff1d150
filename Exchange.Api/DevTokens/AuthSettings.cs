namespace Exchange.Api.DevTokens;

/// <summary>The "Auth" section: a real token authority, or the development signing key.</summary>
public sealed class AuthSettings
{
    /// <summary>When set, tokens come from this OpenID authority and the development token endpoint is off.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public string DevSigningKey { get; set; } = "";

    public bool DevTokensEnabled => string.IsNullOrEmpty(Authority);
}
