using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Turns every refusal into ProblemDetails with a stable <c>type</c> per rule: input errors 400 (with field
/// errors), forbidden 403, missing 404, state conflicts 409, broken business rules 422. Nothing else reaches the
/// client as a 500 unless it really is a fault of the exchange. Input the framework refuses (a body the JSON serializer
/// cannot read, a query value binding cannot parse) is explained in the client's terms — the field or parameter and
/// what it takes — never in the framework's, which name .NET types.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, OutageLog outages, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            FollowUpsPendingException pending => Unavailable(context, "follow-ups-pending", "The change is recorded; completing it is being retried.", pending.Message),
            ObjectBusyException busy => Unavailable(context, "object-busy", "The object is still completing an earlier change; this command was not applied.", busy.Message),
            _ when UnavailableFaults.Classify(exception) is { } fault => ServiceUnavailable(context, fault, exception),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Invalid([new("body", "The body is larger than a request may carry (64 KB).")], StatusCodes.Status413PayloadTooLarge),
            BadHttpRequestException { InnerException: JsonException malformed } => Invalid(await ExplainAsync(context, malformed), StatusCodes.Status400BadRequest),
            BadHttpRequestException bad => Invalid([ExplainBinding(context, bad)], StatusCodes.Status400BadRequest),
            JsonException malformed => Invalid(await ExplainAsync(context, malformed), StatusCodes.Status400BadRequest),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A retry of the command with the same Idempotency-Key is safe: either the change is recorded and its
    /// follow-ups are being retried (the retry confirms it), or the object is completing an earlier change and
    /// nothing of this command was applied. So the answer is 503 with Retry-After rather than a 500.
    /// </summary>
    private static ProblemDetails Unavailable(HttpContext context, string code, string title, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return new ProblemDetails
        {
            Type = "https://exchange.example/problems/" + code,
            Title = title,
            Detail = detail,
            Status = StatusCodes.Status503ServiceUnavailable,
        };
    }

    /// <summary>
    /// A fault of the infrastructure (<see cref="UnavailableFaults"/>): 503 <c>service-unavailable</c> with Retry-After,
    /// logged once per cause and outage rather than as a stack per request.
    /// </summary>
    private ProblemDetails ServiceUnavailable(HttpContext context, UnavailableFaults.Fault fault, Exception exception)
    {
        outages.Report(fault.Cause, $"{context.Request.Method} {context.Request.Path}: {exception.Message}");
        context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Type = ApiProblems.ServiceUnavailable.Type,
            Title = ApiProblems.ServiceUnavailable.Title,
            Detail = UnavailableFaults.DetailFor(fault, CommandRequests.IsCommand(context.Request.Method)),
            Status = StatusCodes.Status503ServiceUnavailable,
        };
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static ProblemDetails FromDomain(DomainException domain)
    {
        var status = StatusOf(domain.Error.Kind);
        ProblemDetails problem = domain.Field is { } field && status == StatusCodes.Status400BadRequest
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [domain.Message] })
            : new ProblemDetails();
        problem.Type = domain.Error.TypeUri;
        problem.Title = domain.Error.Title;
        problem.Detail = domain.Message;
        problem.Status = status;
        return problem;
    }

    private static ValidationProblemDetails Invalid(IReadOnlyList<FieldError> errors, int status) =>
        new(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Type = DomainErrors.InvalidInput.TypeUri,
            Title = DomainErrors.InvalidInput.Title,
            Detail = string.Join(" ", errors.Select(e => e.Message)),
            Status = status,
        };

    private async Task<IReadOnlyList<FieldError>> ExplainAsync(HttpContext context, JsonException exception)
    {
        var (body, parsed) = await ReadBodyAgainAsync(context);
        return JsonInputErrors.Explain(exception, BodyType(context), json.Value.SerializerOptions, body, parsed);
    }

    private FieldError ExplainBinding(HttpContext context, BadHttpRequestException exception)
    {
        if (ParameterErrors.Find(context) is { } parameter)
        {
            return parameter;
        }
        if (BodyType(context) is { } bodyType && context.Request.ContentLength is null or 0)
        {
            return JsonInputErrors.MissingBody(bodyType, json.Value.SerializerOptions);
        }
        // Nothing the client can be told in its own terms: the framework's text names .NET types, so it is only logged.
        logger.LogInformation("Request refused by binding: {Reason}", exception.Message);
        return new("request", "The request could not be read: check its parameters and body against the API's description.");
    }

    private static Type? BodyType(HttpContext context) =>
        FailedEndpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The endpoint that threw: the exception handler middleware clears it from the context and keeps it in its feature.</summary>
    internal static Endpoint? FailedEndpoint(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    /// <summary>
    /// The body as the client sent it, parsed, to tell a missing field from a wrong one. Commands' bodies are
    /// buffered by the idempotency middleware; another body may not be readable again, and is then not used.
    /// </summary>
    private static async Task<(JsonNode? Body, bool Parsed)> ReadBodyAgainAsync(HttpContext context)
    {
        if (!context.Request.Body.CanSeek)
        {
            return (null, false);
        }
        context.Request.Body.Position = 0;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return (JsonNode.Parse(text), true);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }
}
