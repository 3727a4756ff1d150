using Exchange.Api.Infrastructure.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares the rate-limit headers (<see cref="RateLimitHeaders"/>) on every 2xx and 4xx response of a command, which
/// is what the rate limiter writes on them. Runs after <see cref="ProblemResponsesFilter"/>, which adds the 4xx ones.
/// </summary>
public sealed class RateLimitHeadersFilter(RateLimitSettings rateLimits) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!rateLimits.Enabled || !CommandRequests.IsCommand(context.ApiDescription.HttpMethod ?? "GET") || operation.Responses is null)
        {
            return;
        }
        foreach (var (status, response) in operation.Responses)
        {
            if ((status.StartsWith('2') || status.StartsWith('4')) && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                foreach (var name in RateLimitHeaders.Descriptions.Keys)
                {
                    concrete.Headers[name] = HeaderComponents.Reference(name, context);
                }
            }
        }
    }
}
