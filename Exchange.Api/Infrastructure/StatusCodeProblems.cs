using System.Globalization;
using Exchange.Grains.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// The body of a response the framework ended without one: no endpoint at the address (404), one that does not take
/// the method (405), no or a refused bearer token (401), a body that is not JSON (415). Each gets ProblemDetails with a
/// type of the exchange's own and a sentence saying what to send instead. An address that would reach an endpoint but
/// for an id that is not one ("/api/transfers/abc") is a 400 naming the route value, not a bare 404.
/// These codes belong to the HTTP layer, not to a domain rule, so they are here rather than in <see cref="DomainErrors"/>;
/// none of them is one of its codes.
/// </summary>
public static class StatusCodeProblems
{
    public const string Unauthenticated = "unauthenticated";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";

    public static async Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var problem = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => MalformedRouteValue(context) is { } malformed ? Invalid(context, malformed) : NoSuchAddress(context),
            StatusCodes.Status405MethodNotAllowed => Problem(MethodNotAllowed, "This address does not take that method.",
                $"{context.Request.Method} is not taken at {context.Request.Path}; it takes {Words.Join(context.Response.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), "or")}."),
            StatusCodes.Status401Unauthorized => Problem(Unauthenticated, "Sign in first.", TokenRefusal(context)),
            StatusCodes.Status415UnsupportedMediaType => Problem(UnsupportedMediaType, "The body must be JSON.",
                $"Send the body as JSON with the header Content-Type: application/json{(context.Request.ContentType is { Length: > 0 } sent ? $", not {sent}" : "")}."),
            _ => new ProblemDetails(),
        };
        problem.Status = context.Response.StatusCode;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static ProblemDetails Problem(string code, string title, string detail) => new()
    {
        Type = ApiProblems.ExchangeTypes + code,
        Title = title,
        Detail = detail,
    };

    private static ProblemDetails NoSuchAddress(HttpContext context) => context.GetEndpoint() is null
        ? Problem(NotFound, "Nothing is at this address.", $"No endpoint of the exchange answers {context.Request.Method} {context.Request.Path}.")
        : Problem(NotFound, "Nothing is at this address.", $"{context.Request.Path} names nothing the exchange holds.");

    private static ValidationProblemDetails Invalid(HttpContext context, FieldError error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Type = DomainErrors.InvalidInput.TypeUri,
            Title = DomainErrors.InvalidInput.Title,
            Detail = error.Message,
        };
    }

    /// <summary>
    /// The route value that kept the path from an endpoint: the path matches an endpoint's template once its
    /// constraints are set aside, and a value fails its constraint ("{transferId:guid}" given "abc").
    /// </summary>
    private static FieldError? MalformedRouteValue(HttpContext context)
    {
        if (context.GetEndpoint() is not null)
        {
            return null;
        }
        var sources = context.RequestServices.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), []).TryMatch(context.Request.Path, values))
            {
                continue;
            }
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                var raw = values[parameter.Name]?.ToString() ?? "";
                foreach (var policy in parameter.ParameterPolicies.Select(p => p.Content))
                {
                    if (ConstraintType(policy) is { } type && !ParameterErrors.Parses(type, raw))
                    {
                        return new(parameter.Name, $"'{ParameterErrors.Shorten(raw)}' is not {Words.WithArticle(Words.Spell(parameter.Name))}: it must be {InputDescriptions.OfText(type, parameter.Name)}.");
                    }
                }
            }
        }
        return null;
    }

    private static Type? ConstraintType(string? constraint) => constraint switch
    {
        "guid" => typeof(Guid),
        "int" => typeof(int),
        "long" => typeof(long),
        "decimal" => typeof(decimal),
        "bool" => typeof(bool),
        "datetime" => typeof(DateTime),
        _ => null,
    };

    /// <summary>Why the token was refused, from the bearer handler's challenge (its error_description), if it said.</summary>
    private static string TokenRefusal(HttpContext context)
    {
        var challenge = context.Response.Headers[HeaderNames.WWWAuthenticate].ToString();
        var marker = "error_description=\"";
        var start = challenge.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = challenge.IndexOf('"', start + marker.Length);
            var reason = end > start ? challenge[(start + marker.Length)..end] : "";
            if (reason.Length > 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The bearer token was refused: {reason.TrimEnd('.')}. Send a valid one in the header Authorization: Bearer followed by the token.");
            }
        }
        return context.Request.Headers.Authorization.Count == 0
            ? "Send a bearer token in the header Authorization: Bearer followed by the token; in development POST /dev/tokens issues one."
            : "The bearer token was refused; send a valid one in the header Authorization: Bearer followed by the token.";
    }
}
