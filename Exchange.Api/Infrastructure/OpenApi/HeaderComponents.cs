using System.Globalization;
using Exchange.Api.Infrastructure.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// The response headers many operations share, declared once under <c>components/headers</c> and referenced from
/// each response, which keeps the document small enough for Swagger UI.
/// </summary>
public sealed class HeaderComponents : IDocumentFilter
{
    public const string RetryAfter = "Retry-After";

    public static IReadOnlyDictionary<string, OpenApiHeader> All { get; } = Build();

    public static OpenApiHeaderReference Reference(string name, OperationFilterContext context) => new(name, context.Document);

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in All)
        {
            document.Components.Headers[name] = header;
        }
    }

    private static Dictionary<string, OpenApiHeader> Build()
    {
        var headers = RateLimitHeaders.Descriptions.ToDictionary(d => d.Key, d => new OpenApiHeader
        {
            Description = d.Value,
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture) },
        });
        headers[RetryAfter] = new OpenApiHeader
        {
            Description = "Seconds to wait before retrying; retry with the same Idempotency-Key.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "86400" },
        };
        return headers;
    }
}
