using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Exchange.Tests.Console;

/// <summary>
/// A minimal OpenID Connect authority on a loopback port, standing in for the exchange's real identity provider:
/// discovery, signing keys, an authorization endpoint that signs in whoever the test says is at the keyboard
/// (<see cref="SignInAs"/>) and answers by form post, and a token endpoint that checks the PKCE verifier. Its access
/// tokens are for the API's audience and carry the participant's roles, as a real authority's would.
/// </summary>
public sealed class TestTokenAuthority : IAsyncDisposable
{
    public const string Audience = "exchange-api";
    public const string ConsoleClientId = "exchange-console";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private (Guid Subject, string[] Roles)? _user;

    private sealed record Grant(Guid Subject, string[] Roles, string ClientId, string RedirectUri, string? Nonce, string Challenge);

    public TestTokenAuthority()
    {
        Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Issuer);
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["end_session_endpoint"] = Issuer + "/end-session",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "form_post", "query" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(_key) } },
            new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/end-session", EndSession);
    }

    public int Port { get; }

    public string Issuer => $"http://localhost:{Port}";

    /// <summary>How many codes the token endpoint exchanged: a sign-in that never reached it did not happen here.</summary>
    public int CodesExchanged => Volatile.Read(ref _codesExchanged);

    /// <summary>How many times a client ended the person's session here.</summary>
    public int SessionsEnded => Volatile.Read(ref _sessionsEnded);

    /// <summary>The last access token issued through the authorization code, to check it never shows in a page.</summary>
    public string? LastAccessToken { get; private set; }

    private int _codesExchanged;
    private int _sessionsEnded;

    public Task StartAsync() => _app.StartAsync();

    /// <summary>The person who signs in at this authority from now on, as the participant with these roles.</summary>
    public void SignInAs(Guid participantId, params string[] roles) => _user = (participantId, roles);

    /// <summary>An access token for the API, as a machine client of this authority would get one.</summary>
    public string AccessTokenFor(Guid participantId, params string[] roles) => Sign(new Dictionary<string, object>
    {
        ["sub"] = participantId.ToString(),
        ["aud"] = Audience,
        ["roles"] = roles,
    });

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        var scopes = query["scope"].ToString().Split(' ');
        if (_user is not { } user || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || query["client_id"] != ConsoleClientId || string.IsNullOrEmpty(query["code_challenge"])
            || !scopes.Contains("openid") || !scopes.Contains(Audience) || !query["redirect_uri"].ToString().EndsWith("/console/oidc/callback", StringComparison.Ordinal))
        {
            return Results.BadRequest("no user at the keyboard, or not a PKCE code request from the console for the API's scope");
        }
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(user.Subject, user.Roles, query["client_id"]!, query["redirect_uri"]!, query["nonce"], query["code_challenge"]!);
        var fields = new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] };
        if (query["response_mode"] == "form_post")
        {
            var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
            return Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><title>Signing in</title></head><body><form method=\"post\" action=\"{WebUtility.HtmlEncode(query["redirect_uri"])}\">{inputs}</form>" +
                "<script>document.forms[0].submit()</script></body></html>", "text/html");
        }
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(query["redirect_uri"]!, fields));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"] || grant.ClientId != form["client_id"])
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE verifier does not match" }, statusCode: 400);
        }
        Interlocked.Increment(ref _codesExchanged);
        var identity = new Dictionary<string, object> { ["sub"] = grant.Subject.ToString(), ["aud"] = grant.ClientId };
        if (grant.Nonce is { } nonce)
        {
            identity["nonce"] = nonce;
        }
        LastAccessToken = AccessTokenFor(grant.Subject, grant.Roles);
        return Results.Json(new
        {
            access_token = LastAccessToken,
            id_token = Sign(identity),
            token_type = "Bearer",
            expires_in = 3600,
        });
    }

    /// <summary>The person signs out here: the next sign-in asks again (here: finds nobody at the keyboard).</summary>
    private IResult EndSession(HttpRequest request)
    {
        _user = null;
        Interlocked.Increment(ref _sessionsEnded);
        var back = request.Query["post_logout_redirect_uri"].ToString();
        return string.IsNullOrEmpty(back) ? Results.Ok("signed out")
            : Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(back, "state", request.Query["state"].ToString()));
    }

    private string Sign(Dictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Claims = claims,
        IssuedAt = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
