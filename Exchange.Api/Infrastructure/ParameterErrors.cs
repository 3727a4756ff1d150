using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Names the query or route parameter a request could not be bound by, and what it takes. ASP.NET Core's own message
/// names the handler's .NET parameter ("Failed to bind parameter "Nullable&lt;decimal&gt; minPrice" from "abc""), so
/// instead the endpoint's handler is read: each simple parameter's raw value is parsed again as binding parses it, and
/// the first that fails (or is required and missing) is the one at fault.
/// </summary>
public static class ParameterErrors
{
    public static FieldError? Find(HttpContext context)
    {
        // Inside the exception handler the endpoint and its route values are only in the handler's feature.
        var failure = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failure?.Endpoint ?? context.GetEndpoint();
        var routeValues = failure?.RouteValues ?? context.Request.RouteValues;
        if (endpoint?.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return null;
        }
        var routeParameters = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var parameter in handler.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (!IsBoundFromText(type, parameter))
            {
                continue;
            }
            var fromQuery = parameter.GetCustomAttribute<FromQueryAttribute>();
            var fromRoute = parameter.GetCustomAttribute<FromRouteAttribute>();
            var name = fromQuery?.Name ?? fromRoute?.Name ?? parameter.Name!;
            var inRoute = fromRoute is not null || (fromQuery is null && routeParameters.Contains(name));
            var raw = inRoute ? routeValues[name]?.ToString() : context.Request.Query[name].ToString();
            var what = inRoute ? "route value" : "query parameter";
            if (string.IsNullOrEmpty(raw))
            {
                if (type == parameter.ParameterType && type.IsValueType && !parameter.HasDefaultValue)
                {
                    return new(name, $"The {what} '{name}' is required; it takes {InputDescriptions.OfText(type, name)}.");
                }
                continue;
            }
            if (!Parses(type, raw))
            {
                return new(name, $"The {what} '{name}' must be {InputDescriptions.OfText(type, name)}, not '{Shorten(raw)}'.");
            }
        }
        return null;
    }

    /// <summary>Whether a raw text parses as binding would parse it: invariant culture, enums by name.</summary>
    public static bool Parses(Type type, string raw)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, raw, ignoreCase: true, out _);
        }
        var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (tryParse is not null)
        {
            return (bool)tryParse.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        }
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }

    public static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";

    /// <summary>Simple values bound from the query or route; bodies, services and the context are not.</summary>
    private static bool IsBoundFromText(Type type, ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromBodyAttribute>() is null && parameter.GetCustomAttribute<FromServicesAttribute>() is null
        && type != typeof(string) && (type.IsEnum || type.IsPrimitive || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateOnly)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type == typeof(TimeSpan));
}
