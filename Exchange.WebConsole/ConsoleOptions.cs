namespace Exchange.WebConsole;

/// <param name="OperatorId">The platform operator, who exists on every exchange.</param>
/// <param name="SignIn">How people sign in to the console: null in the embedded default, where the console mints
/// development tokens; set when a real token authority issues the API's tokens.</param>
/// <param name="DevTokensEnabled">Whether the exchange mints development tokens, so that the sign-in page may list who may sign in.</param>
public sealed record ConsoleOptions(Guid OperatorId, OidcSignInOptions? SignIn = null, bool DevTokensEnabled = true)
{
    public bool UsesOpenIdConnect => SignIn is not null;
}

/// <summary>
/// OpenID Connect sign-in (authorization code with PKCE) at the token authority that issues the API's bearer tokens
/// (<c>Auth:Authority</c>); the console is registered there as a client of its own (<c>Auth:Console</c>).
/// </summary>
/// <param name="Authority">The issuer, as the API trusts it.</param>
/// <param name="ClientId">The console's client id at the authority.</param>
/// <param name="ClientSecret">Its secret, for an authority that treats the console as a confidential client.</param>
/// <param name="Scopes">Scopes asked for besides openid, such as the API's own, so that the access token is one the API accepts.</param>
public sealed record OidcSignInOptions(string Authority, string ClientId, string? ClientSecret, IReadOnlyList<string> Scopes)
{
    /// <summary>
    /// Metadata over plain HTTP only from this machine (a test or development authority); anything else must be HTTPS.
    /// </summary>
    public bool RequireHttpsMetadata => RequiresHttps(Authority);

    /// <summary>The rule for the console and the API alike: plain HTTP only for an authority on this machine.</summary>
    public static bool RequiresHttps(string? authority) =>
        !Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
