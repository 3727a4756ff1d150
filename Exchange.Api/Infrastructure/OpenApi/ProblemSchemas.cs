using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// The ProblemDetails bodies as the exchange writes them (<see cref="ProblemMapping"/>, the rate limiter, the
/// framework's status pages): RFC 9457 members plus the trace id, and for input errors the field at fault.
/// </summary>
public static class ProblemSchemas
{
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";

    public static OpenApiSchemaReference Reference(string id, OperationFilterContext context)
    {
        if (!context.SchemaRepository.Schemas.ContainsKey(id))
        {
            context.SchemaRepository.AddDefinition(id, id == ValidationProblem ? Build(withFieldErrors: true) : Build(withFieldErrors: false));
        }
        return new OpenApiSchemaReference(id, context.Document);
    }

    private static OpenApiSchema Build(bool withFieldErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("The rule refused by, stable: clients branch on it.", "uri"),
            ["title"] = Text("The rule, in words."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status." },
            ["detail"] = Text("This refusal: the objects, amounts and values involved."),
            ["instance"] = Text("The request path."),
            ["traceId"] = Text("The trace id of the request, for the exchange's logs."),
        };
        if (withFieldErrors)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The field or query parameter at fault, with the reason.",
                MaxProperties = 1,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 1, Items = Text("Why the field was refused.") },
            };
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withFieldErrors ? "A refusal of the request's input (RFC 9457), naming the field at fault when there is one." : "A refusal (RFC 9457).",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = properties,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };
}
