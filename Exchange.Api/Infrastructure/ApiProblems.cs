using Exchange.Grains.Common;

namespace Exchange.Api.Infrastructure;

/// <summary>A problem an operation can answer with: its HTTP status and its stable ProblemDetails <c>type</c>.</summary>
public sealed record DeclaredProblem(int Status, string Type, string Title)
{
    public static DeclaredProblem Of(DomainError error) => new(ProblemMapping.StatusOf(error.Kind), error.TypeUri, error.Title);
}

/// <summary>
/// The problems that come from the API itself rather than from a domain rule (those are <see cref="DomainErrors"/>).
/// Statuses the framework answers without a body get a type of the exchange's own (<see cref="StatusCodeProblems"/>);
/// a fault of the exchange keeps RFC 9110's section for 500.
/// </summary>
public static class ApiProblems
{
    /// <summary>What every problem type of the exchange's own starts with (<see cref="DomainError.TypeUri"/>).</summary>
    public const string ExchangeTypes = "https://exchange.example/problems/";

    public static readonly DeclaredProblem RateLimited = new(StatusCodes.Status429TooManyRequests, ExchangeTypes + "rate-limited",
        "The caller sent more commands than its rate limit allows; nothing of this command was applied.");

    public static readonly DeclaredProblem FollowUpsPending = new(StatusCodes.Status503ServiceUnavailable, ExchangeTypes + "follow-ups-pending",
        "The change is recorded; completing it is being retried.");

    public static readonly DeclaredProblem ObjectBusy = new(StatusCodes.Status503ServiceUnavailable, ExchangeTypes + "object-busy",
        "The object is still completing an earlier change; this command was not applied.");

    /// <summary>A fault of the infrastructure any request can meet (<see cref="UnavailableFaults"/>); retry after Retry-After, a command with the same Idempotency-Key.</summary>
    public static readonly DeclaredProblem ServiceUnavailable = new(StatusCodes.Status503ServiceUnavailable, ExchangeTypes + "service-unavailable",
        "The exchange is briefly unavailable; nothing acknowledged was lost, and the request may be retried.");

    public static readonly DeclaredProblem Unauthenticated = new(StatusCodes.Status401Unauthorized, ExchangeTypes + StatusCodeProblems.Unauthenticated,
        "The request carries no valid bearer token.");

    public static readonly DeclaredProblem NoSuchRoute = new(StatusCodes.Status404NotFound, ExchangeTypes + StatusCodeProblems.NotFound,
        "Nothing is at this address.");

    public static readonly DeclaredProblem UnsupportedMediaType = new(StatusCodes.Status415UnsupportedMediaType, ExchangeTypes + StatusCodeProblems.UnsupportedMediaType,
        "The body must be JSON (Content-Type: application/json).");

    public static readonly DeclaredProblem PayloadTooLarge = new(StatusCodes.Status413PayloadTooLarge, DomainErrors.InvalidInput.TypeUri,
        $"The request body is larger than {ApiLimits.MaxRequestBodyBytes / 1024} KB.");

    public static readonly DeclaredProblem InternalFault = new(StatusCodes.Status500InternalServerError, "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        "A fault of the exchange, not of the request.");
}
