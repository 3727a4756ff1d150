using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Exchange.Grains.Common;

namespace Exchange.Api.Infrastructure;

/// <summary>A field or parameter at fault and what is wrong with it, in words a person reads.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Turns System.Text.Json's refusal of a request body into field errors that name the field by its JSON path and say
/// what it takes. The serializer's own messages name .NET types ("could not be converted to
/// Exchange.Api.Ledger.CreateTransferRequest"), so they are never shown: the refusal is re-read from its structure —
/// the exception's path walked through the request type's JSON contract, and the body as the client sent it.
/// </summary>
public static partial class JsonInputErrors
{
    private const int MaxEcho = 40;

    /// <param name="exception">The serializer's refusal.</param>
    /// <param name="requestType">The endpoint's body type; null when unknown.</param>
    /// <param name="options">The API's JSON options, whose contract names the fields.</param>
    /// <param name="body">The body as sent, when it could be read again and parsed (<paramref name="bodyParsed"/>).</param>
    /// <param name="bodyParsed">Whether <paramref name="body"/> is the body as sent (JSON null included).</param>
    public static IReadOnlyList<FieldError> Explain(JsonException exception, Type? requestType, JsonSerializerOptions options, JsonNode? body, bool bodyParsed)
    {
        var path = Segments(exception.Path);
        var field = FieldName(path);
        // A syntax error comes from the reader, which the serializer wraps: the JSON is not JSON at all.
        if (exception.InnerException is JsonException)
        {
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, byte {exception.BytePositionInLine + 1}" : "";
            return [new("body", $"The body is not valid JSON{where}{(field.Length > 0 ? $", in '{field}'" : "")}.")];
        }
        if (requestType is null)
        {
            return [new(field.Length > 0 ? field : "body", field.Length > 0 ? $"The field '{field}' has a value this request does not take." : "The body is not what this request takes.")];
        }

        var info = options.GetTypeInfo(requestType);
        var node = body;
        string leafName = "";
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i];
            if (segment.Index is { } index)
            {
                if (info.ElementType is not { } element)
                {
                    break;
                }
                info = options.GetTypeInfo(element);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
                continue;
            }
            var property = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == segment.Name) : null;
            if (property is null)
            {
                var owner = FieldName(path.Take(i).ToList());
                return [new(FieldName(path.Take(i + 1).ToList()),
                    $"'{segment.Name}' is not a field of {(owner.Length > 0 ? $"'{owner}'" : "this request")}; its fields are {FieldList(info)}.")];
            }
            leafName = property.Name;
            info = options.GetTypeInfo(property.PropertyType);
            node = node is JsonObject parent && parent.TryGetPropertyValue(property.Name, out var child) ? child : null;
        }

        if (info.Kind == JsonTypeInfoKind.Object)
        {
            return ObjectErrors(info, field, node, bodyParsed);
        }
        var takes = InputDescriptions.OfJson(info.Type, leafName);
        var name = field.Length > 0 ? $"The field '{field}'" : "The body";
        if (bodyParsed && node is null)
        {
            return [new(field, $"{name} cannot be null; it takes {takes}.")];
        }
        if (node is JsonValue number && number.GetValueKind() == JsonValueKind.Number && IsNumeric(info.Type)
            && !(InputDescriptions.IsWholeNumber(Nullable.GetUnderlyingType(info.Type) ?? info.Type) && number.ToJsonString().IndexOfAny(['.', 'e', 'E']) >= 0))
        {
            return [new(field, $"{name} is out of range: {Echo(node) ?? "the number sent"} is far beyond any value it takes; it takes {takes}.")];
        }
        return [new(field, $"{name} must be {takes}{(Echo(node) is { } sent ? $", not {sent}" : "")}.")];
    }

    /// <summary>The fields a body of that type must have, with what each takes: for a request that came without one.</summary>
    public static FieldError MissingBody(Type requestType, JsonSerializerOptions options) =>
        new("body", $"This request takes a JSON object as its body, with the fields {FieldList(options.GetTypeInfo(requestType))}.");

    private static IReadOnlyList<FieldError> ObjectErrors(JsonTypeInfo info, string field, JsonNode? node, bool bodyParsed)
    {
        if (node is JsonObject sent)
        {
            var missing = info.Properties.Where(p => p.IsRequired && !sent.ContainsKey(p.Name)).ToList();
            if (missing.Count > 0)
            {
                return missing.Select(p =>
                {
                    var name = field.Length > 0 ? $"{field}.{p.Name}" : p.Name;
                    return new FieldError(name, $"The field '{name}' is required; it takes {InputDescriptions.OfJson(p.PropertyType, p.Name)}.");
                }).ToList();
            }
        }
        var what = field.Length > 0 ? $"The field '{field}'" : "The body";
        if (bodyParsed && node is not JsonObject)
        {
            return [new(field.Length > 0 ? field : "body", $"{what} must be a JSON object in braces, with the fields {FieldList(info)}.")];
        }
        return [new(field.Length > 0 ? field : "body", $"{what} lacks a required field or holds a value it does not take; its fields are {FieldList(info)}.")];
    }

    private static string FieldList(JsonTypeInfo info) =>
        Words.Join(info.Properties.Select(p => p.IsRequired ? $"'{p.Name}' (required)" : $"'{p.Name}'"), "and");

    private static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return InputDescriptions.IsWholeNumber(t) || t == typeof(decimal) || t == typeof(double) || t == typeof(float);
    }

    /// <summary>What the client sent, if it is short enough to repeat: a scalar, as JSON.</summary>
    private static string? Echo(JsonNode? node)
    {
        if (node is not JsonValue)
        {
            return node is null ? null : node is JsonArray ? "a list" : "an object";
        }
        var text = node.ToJsonString();
        return text.Length <= MaxEcho ? text : null;
    }

    private sealed record Segment(string? Name, int? Index);

    /// <summary>"$.licenseTerms.territories[0]" → licenseTerms, territories, [0]; quoted names ("$['a.b']") too.</summary>
    private static List<Segment> Segments(string? path)
    {
        var segments = new List<Segment>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }
        foreach (Match m in PathSegment().Matches(path))
        {
            segments.Add(m.Groups["index"].Success ? new Segment(null, int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : new Segment(m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'") : m.Groups["name"].Value, null));
        }
        return segments;
    }

    /// <summary>The path as clients write field names: "licenseTerms.territories[0]"; empty for the body itself.</summary>
    private static string FieldName(IReadOnlyList<Segment> path)
    {
        var name = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Index is { } index)
            {
                name.Append('[').Append(index).Append(']');
            }
            else
            {
                name.Append(name.Length > 0 ? "." : "").Append(segment.Name);
            }
        }
        return name.ToString();
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
