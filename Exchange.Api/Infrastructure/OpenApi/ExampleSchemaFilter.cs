using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// A contract with a public static <c>Example</c> of its own type shows it as the schema's example, serialized as
/// the API serializes it; Swagger UI fills a request body with it. Examples are code, so they cannot go stale.
/// </summary>
public sealed class ExampleSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    public const string ExampleMember = "Example";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.MemberInfo is null
            && context.Type.GetProperty(ExampleMember, BindingFlags.Public | BindingFlags.Static) is { } example && example.PropertyType == context.Type)
        {
            concrete.Example = JsonSerializer.SerializeToNode(example.GetValue(null), context.Type, json.Value.SerializerOptions);
        }
    }
}
