using Exchange.Grains.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// Every problem an operation can answer with: what follows from its kind (a command, an authenticated endpoint,
/// one with input or path parameters, a rate-limited one) plus the domain rules it declares with
/// <see cref="EndpointRefusals.Refuses"/>. One function, so that no endpoint has to remember the common ones.
/// </summary>
public static class ProblemDeclarations
{
    public static IReadOnlyList<DeclaredProblem> For(ApiDescription api, bool rateLimited)
    {
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var method = api.HttpMethod ?? "GET";
        var parameters = api.ParameterDescriptions;
        var hasBody = parameters.Any(p => p.Source == BindingSource.Body);
        var hasInput = parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Query || p.Source == BindingSource.Path);
        var hasPathParameters = parameters.Any(p => p.Source == BindingSource.Path);
        var command = CommandRequests.NeedsIdempotencyKey(method, metadata);

        var problems = new List<DeclaredProblem>();
        if (hasInput || command)
        {
            problems.Add(DeclaredProblem.Of(DomainErrors.InvalidInput));
        }
        if (command)
        {
            problems.Add(DeclaredProblem.Of(DomainErrors.IdempotencyKeyMissing));
            problems.Add(DeclaredProblem.Of(DomainErrors.IdempotencyKeyReused));
            problems.Add(ApiProblems.FollowUpsPending);
            problems.Add(ApiProblems.ObjectBusy);
        }
        if (hasBody)
        {
            problems.Add(ApiProblems.PayloadTooLarge);
            problems.Add(ApiProblems.UnsupportedMediaType);
        }
        if (RequiresAuthentication(metadata))
        {
            problems.Add(ApiProblems.Unauthenticated);
            // Any authenticated endpoint refuses a token that names no participant, besides its own role checks.
            problems.Add(DeclaredProblem.Of(DomainErrors.Forbidden));
        }
        if (hasPathParameters)
        {
            problems.Add(ApiProblems.NoSuchRoute);
        }
        if (rateLimited && CommandRequests.IsCommand(method))
        {
            problems.Add(ApiProblems.RateLimited);
        }
        problems.AddRange(metadata.OfType<RefusalsMetadata>().SelectMany(r => r.Errors).Select(DeclaredProblem.Of));
        // Any call can meet a fault of the infrastructure (a database or a silo down); a retry outlives it.
        problems.Add(ApiProblems.ServiceUnavailable);
        problems.Add(ApiProblems.InternalFault);
        return problems.DistinctBy(p => (p.Status, p.Type)).OrderBy(p => p.Status).ToArray();
    }

    public static bool RequiresAuthentication(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
}
