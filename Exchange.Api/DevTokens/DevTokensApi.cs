using Exchange.Api.Infrastructure;
using Exchange.Api.Participants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.DevTokens;

public sealed record DevTokenRequest(Guid ParticipantId)
{
    /// <summary>The platform operator, who exists on every exchange: Swagger UI can sign in as it at once.</summary>
    public static DevTokenRequest Example => new(PlatformBootstrap.OperatorId);
}

public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public static class DevTokensApi
{
    public static void MapDevTokensApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/dev/tokens", Mint).WithTags("Development").WithName("MintDevToken")
            .WithSummary("Mint a bearer token for a registered participant (only without a real token authority).")
            .AllowAnonymous()
            .WithMetadata(new SkipIdempotencyAttribute())
            .Refuses(Grains.Common.DomainErrors.ParticipantNotFound);
    }

    public static async Task<Ok<DevTokenResponse>> Mint(DevTokenRequest request, IClusterClient cluster, DevTokenIssuer issuer)
    {
        var participant = await ParticipantsApi.Find(cluster, request.ParticipantId);
        var (token, expires) = issuer.Mint(participant);
        return TypedResults.Ok(new DevTokenResponse(token, expires));
    }
}
