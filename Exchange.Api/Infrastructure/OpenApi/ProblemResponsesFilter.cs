using System.Text.Json.Nodes;
using Exchange.Api.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// Documents every error response of an operation (<see cref="ProblemDeclarations"/>) as
/// <c>application/problem+json</c>, naming the problem types it can carry in the description and in
/// <c>x-problem-types</c>, with the headers a client needs to retry (Retry-After, WWW-Authenticate).
/// </summary>
public sealed class ProblemResponsesFilter(RateLimitSettings rateLimits) : IOperationFilter
{
    public const string ProblemTypesExtension = "x-problem-types";
    public const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        foreach (var status in ProblemDeclarations.For(context.ApiDescription, rateLimits.Enabled).GroupBy(p => p.Status))
        {
            var schema = status.Key == StatusCodes.Status400BadRequest ? ProblemSchemas.ValidationProblem : ProblemSchemas.Problem;
            var response = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status.Key)}: " + string.Join("; ", status.Select(Describe)),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = ProblemSchemas.Reference(schema, context) },
                },
                Headers = HeadersFor(status.Key, context),
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    [ProblemTypesExtension] = new JsonNodeExtension(new JsonArray(status.Select(p => (JsonNode)p.Type).ToArray())),
                },
            };
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }
    }

    /// <summary>An exchange rule by its code (the end of its type, listed whole in <see cref="ProblemTypesExtension"/>), a framework status by its title.</summary>
    private static string Describe(DeclaredProblem problem) =>
        problem.Type.StartsWith(ApiProblems.ExchangeTypes, StringComparison.Ordinal) ? $"`{problem.Type[ApiProblems.ExchangeTypes.Length..]}` ({problem.Title})" : problem.Title;

    private static Dictionary<string, IOpenApiHeader> HeadersFor(int status, OperationFilterContext context) => status switch
    {
        StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => new()
        {
            [HeaderComponents.RetryAfter] = HeaderComponents.Reference(HeaderComponents.RetryAfter, context),
        },
        StatusCodes.Status401Unauthorized => new()
        {
            ["WWW-Authenticate"] = new OpenApiHeader
            {
                Description = "The bearer challenge, naming why the token was refused.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
            },
        },
        _ => [],
    };
}
