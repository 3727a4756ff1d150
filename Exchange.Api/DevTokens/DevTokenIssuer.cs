using System.Security.Claims;
using System.Text;
using Exchange.Api.Infrastructure;
using Exchange.Grains.Participants;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Exchange.Api.DevTokens;

/// <summary>
/// Mints bearer tokens for registered participants when no real token authority is configured: the embedded
/// default and the tests. The key is symmetric and local; production points Auth:Authority at a real issuer,
/// which turns this off.
/// </summary>
public sealed class DevTokenIssuer(AuthSettings settings, TimeProvider clock)
{
    public const string Issuer = "ip-exchange-dev";
    public const string Audience = "ip-exchange";

    public static SymmetricSecurityKey KeyFrom(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public (string Token, DateTimeOffset ExpiresAt) Mint(ParticipantSnapshot participant)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddHours(8);
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, participant.ParticipantId.ToString()) };
        claims.AddRange(Participants.RoleNames.Of(participant.Roles).Select(r => new Claim(Caller.RolesClaim, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(KeyFrom(settings.DevSigningKey), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
