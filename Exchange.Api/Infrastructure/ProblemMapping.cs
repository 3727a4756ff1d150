using System.Text.Json;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Turns every refusal into ProblemDetails with a stable <c>type</c> per rule: input errors 400 (with field
/// errors), forbidden 403, missing 404, state conflicts 409, broken business rules 422. Nothing else reaches the
/// client as a 500 unless it really is a fault of the exchange.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            FollowUpsPendingException pending => Unavailable(context, "follow-ups-pending", "The change is recorded; completing it is being retried.", pending.Message),
            ObjectBusyException busy => Unavailable(context, "object-busy", "The object is still completing an earlier change; this command was not applied.", busy.Message),
            BadHttpRequestException bad => Invalid(bad.InnerException is JsonException json ? json.Message : bad.Message, "body", bad.StatusCode),
            JsonException json => Invalid(json.Message, "body", StatusCodes.Status400BadRequest),
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

    private static ValidationProblemDetails Invalid(string message, string field, int status) => new(new Dictionary<string, string[]> { [field] = [message] })
    {
        Type = DomainErrors.InvalidInput.TypeUri,
        Title = DomainErrors.InvalidInput.Title,
        Detail = message,
        Status = status == StatusCodes.Status413PayloadTooLarge ? status : StatusCodes.Status400BadRequest,
    };
}
