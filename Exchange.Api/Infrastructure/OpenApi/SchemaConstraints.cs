using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Grains.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>Turns the constraint attributes (<see cref="TextAttribute"/> and its siblings) into JSON Schema keywords.</summary>
public static class SchemaConstraints
{
    /// <summary>An id as System.Text.Json reads and writes it: the 36-character hyphenated form.</summary>
    private const int UuidLength = 36;

    /// <summary>A date as System.Text.Json reads and writes it: yyyy-MM-dd.</summary>
    private const int DateLength = 10;

    private static readonly string MaxYuan = (Money.MaxFen / 100m).ToString(CultureInfo.InvariantCulture);

    public static void Apply(OpenApiSchema schema, Type type, ICustomAttributeProvider? member)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        // A list of ids or dates: Swashbuckle writes its item schema inline, so the items are held to their length here.
        if (underlying.IsArray && underlying.GetElementType() is { } element && (element == typeof(Guid) || element == typeof(DateOnly)) && schema.Items is OpenApiSchema item)
        {
            Apply(item, element, null);
        }
        if (underlying == typeof(Guid))
        {
            schema.MinLength = UuidLength;
            schema.MaxLength = UuidLength;
        }
        else if (underlying == typeof(DateOnly))
        {
            schema.MinLength = DateLength;
            schema.MaxLength = DateLength;
        }
        else if (underlying == typeof(decimal))
        {
            // Every decimal of the API is exact (money, percentages), never binary floating point.
            schema.Format = "decimal";
        }
        foreach (var attribute in member?.GetCustomAttributes(inherit: true) ?? [])
        {
            Apply(schema, attribute);
        }
    }

    private static void Apply(OpenApiSchema schema, object attribute)
    {
        switch (attribute)
        {
            case TextAttribute text:
                schema.MinLength = text.Optional ? null : 1;
                schema.MaxLength = text.MaxLength;
                schema.Pattern = text.Pattern ?? (!text.Printable ? null : text.Multiline ? TextPatterns.Multiline : TextPatterns.SingleLine);
                break;
            case ItemsAttribute items:
                schema.MinItems = items.MinItems;
                schema.MaxItems = items.MaxItems;
                if (items.ItemMaxLength > 0 && schema.Items is OpenApiSchema item)
                {
                    item.MinLength = 1;
                    item.MaxLength = items.ItemMaxLength;
                    item.Pattern = items.ItemPattern;
                }
                break;
            case YuanAttribute yuan:
                schema.Minimum = yuan.Signed ? "-" + MaxYuan : yuan.AllowZero ? "0" : "0.01";
                schema.Maximum = MaxYuan;
                schema.MultipleOf = 0.01m;
                break;
            case PercentAttribute percent:
                schema.Minimum = percent.AboveZero ? "0.01" : "0";
                schema.Maximum = percent.Maximum.ToString(CultureInfo.InvariantCulture);
                schema.MultipleOf = 0.01m;
                break;
            case WholeAttribute whole:
                schema.Minimum = whole.Minimum.ToString(CultureInfo.InvariantCulture);
                schema.Maximum = whole.Maximum.ToString(CultureInfo.InvariantCulture);
                break;
            case OneOfAttribute oneOf:
                schema.Enum = oneOf.Values.Select(v => (JsonNode)v).ToList();
                schema.Minimum = oneOf.Values.Min().ToString(CultureInfo.InvariantCulture);
                schema.Maximum = oneOf.Values.Max().ToString(CultureInfo.InvariantCulture);
                break;
            case ValuesAttribute values:
                schema.Enum = values.Values.Select(v => (JsonNode)v).ToList();
                schema.MaxLength = values.Values.Max(v => v.Length);
                break;
            case EnumNamesAttribute names:
                schema.Enum = Enum.GetNames(names.EnumType).Select(n => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(n)).ToList();
                schema.MaxLength = Enum.GetNames(names.EnumType).Max(n => n.Length);
                break;
        }
    }
}

/// <summary>Applies <see cref="SchemaConstraints"/> to the properties of the contracts.</summary>
public sealed class ConstraintsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.MemberInfo is not null)
        {
            SchemaConstraints.Apply(concrete, context.Type, context.MemberInfo);
        }
    }
}

/// <summary>Applies <see cref="SchemaConstraints"/> to path and query parameters.</summary>
public sealed class ConstraintsParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter.Schema is OpenApiSchema schema && context.ApiParameterDescription.Type is { } type)
        {
            SchemaConstraints.Apply(schema, type, context.ParameterInfo);
        }
    }
}
