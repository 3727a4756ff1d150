using System.Collections;
using System.Text.Json;
using Exchange.Grains.Common;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// What a field or parameter takes, in words a person reads — never a .NET type name. Every decimal the API takes is
/// an amount in yuan or, where its name says "percent", a percentage; enum values are named as the JSON converter
/// names them (camelCase).
/// </summary>
public static class InputDescriptions
{
    private const string IdExample = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    /// <summary>For a JSON body field: "an amount in yuan as a JSON number, such as 12800.50 (not in quotes)".</summary>
    public static string OfJson(Type type, string name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
        {
            return "one of " + Words.Join(EnumValues(t).Select(v => $"\"{v}\""), "or");
        }
        if (IsWholeNumber(t))
        {
            return "a whole number, such as 4 (not in quotes)";
        }
        if (t == typeof(string))
        {
            return "a text in quotes";
        }
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float))
        {
            return IsPercentage(name) ? "a percentage as a JSON number, such as 3.5 (not in quotes)" : "an amount in yuan as a JSON number, such as 12800.50 (not in quotes)";
        }
        if (t == typeof(bool))
        {
            return "true or false (not in quotes)";
        }
        if (t == typeof(Guid))
        {
            return $"an id in quotes, such as \"{IdExample}\"";
        }
        if (t == typeof(DateOnly))
        {
            return "a date in quotes, written yyyy-mm-dd, such as \"2026-03-31\"";
        }
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return "a date and time in quotes, such as \"2026-03-31T09:30:00+08:00\"";
        }
        if (ElementType(t) is { } element)
        {
            return $"a list in brackets, each item {OfJson(element, name)}";
        }
        return "an object in braces";
    }

    /// <summary>For a query or route parameter: "an amount in yuan, such as 12800.50".</summary>
    public static string OfText(Type type, string name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
        {
            return "one of " + Words.Join(EnumValues(t), "or");
        }
        if (IsWholeNumber(t))
        {
            return "a whole number, such as 50";
        }
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float))
        {
            return IsPercentage(name) ? "a percentage, such as 3.5" : "an amount in yuan, such as 12800.50";
        }
        if (t == typeof(bool))
        {
            return "true or false";
        }
        if (t == typeof(Guid))
        {
            return $"an id, such as {IdExample}";
        }
        if (t == typeof(DateOnly))
        {
            return "a date written yyyy-mm-dd, such as 2026-03-31";
        }
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return "a date and time, such as 2026-03-31T09:30:00+08:00";
        }
        return "a text";
    }

    /// <summary>The names clients write for an enum's values, as the API's JSON converter reads and writes them.</summary>
    public static IEnumerable<string> EnumValues(Type enumType) => Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName);

    /// <summary>A collection's item type (not a string's characters), or null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        return type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    public static bool IsWholeNumber(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong);

    private static bool IsPercentage(string name) => name.Contains("percent", StringComparison.OrdinalIgnoreCase);
}
