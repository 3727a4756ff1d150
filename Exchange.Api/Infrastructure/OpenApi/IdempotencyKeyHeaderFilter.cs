using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares the required Idempotency-Key header on every operation the idempotency middleware demands it of
/// (<see cref="CommandRequests.NeedsIdempotencyKey(string, IEnumerable{object})"/>), with the middleware's own limits,
/// so that Swagger UI asks for it and a generated client sends it.
/// </summary>
public sealed class IdempotencyKeyHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!CommandRequests.NeedsIdempotencyKey(context.ApiDescription.HttpMethod ?? "GET", context.ApiDescription.ActionDescriptor.EndpointMetadata))
        {
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.HeaderName,
            In = ParameterLocation.Header,
            Required = true,
            Description = "A key of your choosing, new for each command (a UUID will do). A repeat of the command with the same key and body "
                + "answers the first response again (`Idempotent-Replayed: true`) without acting twice; the same key with another body is refused (422).",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyMiddleware.MaxKeyLength,
                Pattern = IdempotencyMiddleware.KeyPattern,
            },
        });
    }
}
