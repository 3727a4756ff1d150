using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>Requires the bearer token on exactly the operations whose endpoints require authorization.</summary>
public sealed class SecurityRequirementFilter : IOperationFilter
{
    public const string BearerScheme = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (ProblemDeclarations.RequiresAuthentication(context.ApiDescription.ActionDescriptor.EndpointMetadata))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
    }
}
