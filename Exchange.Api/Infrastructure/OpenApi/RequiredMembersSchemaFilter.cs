using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// Marks as required what the server requires: System.Text.Json is set to respect required constructor parameters
/// (Program.cs), so a contract record's parameter without a default value must be present, and one with a default
/// may be left out.
/// </summary>
public sealed class RequiredMembersSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.MemberInfo is not null)
        {
            return;
        }
        var constructor = context.Type.GetConstructors().MaxBy(c => c.GetParameters().Length);
        if (constructor is null)
        {
            return;
        }
        var required = constructor.GetParameters().Where(p => !p.HasDefaultValue).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        concrete.Required ??= new HashSet<string>();
        foreach (var property in concrete.Properties.Keys.Where(required.Contains))
        {
            concrete.Required.Add(property);
        }
    }
}
