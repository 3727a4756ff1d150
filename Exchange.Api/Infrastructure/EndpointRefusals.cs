using Exchange.Grains.Common;

namespace Exchange.Api.Infrastructure;

/// <summary>The domain rules an endpoint (or a whole group) can refuse a request by; the OpenAPI document lists them.</summary>
public sealed record RefusalsMetadata(IReadOnlyList<DomainError> Errors);

public static class EndpointRefusals
{
    /// <summary>
    /// Declares the domain rules this endpoint can refuse by, beyond what every endpoint of its kind can answer
    /// (<see cref="OpenApi.ProblemDeclarations"/>): their statuses and problem types appear in the OpenAPI document.
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params DomainError[] errors) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RefusalsMetadata(errors));
}
