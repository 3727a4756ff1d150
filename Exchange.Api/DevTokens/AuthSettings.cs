namespace Exchange.Api.DevTokens;

/// <summary>The "Auth" section: a real token authority, or the development signing key.</summary>
public sealed class AuthSettings
{
    /// <summary>When set, tokens come from this OpenID authority and the development token endpoint is off.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public string DevSigningKey { get; set; } = "";

    public bool DevTokensEnabled => string.IsNullOrEmpty(Authority);

    /// <summary>The web console as a client of <see cref="Authority"/> (<c>Auth:Console</c>), for its OpenID Connect sign-in.</summary>
    public ConsoleClientSettings Console { get; set; } = new();

    /// <summary>
    /// Metadata and keys over plain HTTP only from this machine (a development or test authority); any other
    /// authority must be HTTPS.
    /// </summary>
    public bool RequireHttpsMetadata => Exchange.WebConsole.OidcSignInOptions.RequiresHttps(Authority);
}

public sealed class ConsoleClientSettings
{
    /// <summary>The console's client id at the authority; without it the console offers no sign-in.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes the console asks for besides openid: those that make the authority issue a token for the API's audience.</summary>
    public string[] Scopes { get; set; } = [];
}
