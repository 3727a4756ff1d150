using System.Text.Json;
using System.Text.Json.Nodes;
using Exchange.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Holds every HTTP test to the OpenAPI document: a problem response whose status and type the document does not
/// declare for its operation is marked with <see cref="ViolationHeader"/>, on which
/// <see cref="HttpExtensions.AssertProblemAsync"/> fails. So an endpoint that starts refusing by a rule it has not
/// declared (<c>.Refuses(...)</c>) fails the first test that meets the refusal.
/// </summary>
/// <param name="adjust">Changes what counts as declared, for the guard's own test.</param>
public sealed class ProblemContractGuard(Func<ProblemContractGuard.DeclaredProblems, ProblemContractGuard.DeclaredProblems>? adjust = null) : IStartupFilter
{
    public const string ViolationHeader = "X-Test-Undeclared-Problem";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var declared = new Lazy<DeclaredProblems>(() =>
        {
            var document = DeclaredProblems.From(app.ApplicationServices.GetRequiredService<ISwaggerProvider>().GetSwagger(OpenApiSetup.DocumentName));
            return adjust is null ? document : adjust(document);
        });
        app.Use(async (context, nextMiddleware) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            if (context.Response.ContentType?.StartsWith(ProblemResponsesFilter.ProblemMediaType, StringComparison.Ordinal) == true
                // A refusal thrown by an endpoint reaches the client through the exception handler, which clears the endpoint.
                && (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint)?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } operation)
            {
                var type = JsonDocument.Parse(buffer.ToArray()).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (!declared.Value.Declares(operation, context.Response.StatusCode, type))
                {
                    context.Response.Headers[ViolationHeader] = $"{operation} answered {context.Response.StatusCode} {type}, which the OpenAPI document does not declare for it";
                }
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        next(app);
    };

    /// <summary>Per operation id, the problem types the document declares for each status.</summary>
    public sealed class DeclaredProblems(IReadOnlyDictionary<string, IReadOnlyDictionary<int, IReadOnlySet<string>>> byOperation)
    {
        /// <summary>The same declarations without those of one operation.</summary>
        public DeclaredProblems Without(string operationId) => new(byOperation.Where(o => o.Key != operationId).ToDictionary());

        public bool Declares(string operationId, int status, string? type) =>
            byOperation.TryGetValue(operationId, out var statuses) && statuses.TryGetValue(status, out var types) && type is not null && types.Contains(type);

        public static DeclaredProblems From(OpenApiDocument document)
        {
            var byOperation = new Dictionary<string, IReadOnlyDictionary<int, IReadOnlySet<string>>>();
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            {
                var statuses = new Dictionary<int, IReadOnlySet<string>>();
                foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
                {
                    if (int.TryParse(status, out var code) && response.Extensions?.TryGetValue(ProblemResponsesFilter.ProblemTypesExtension, out var extension) == true
                        && extension is JsonNodeExtension { Node: JsonArray types })
                    {
                        statuses[code] = types.Select(x => x!.GetValue<string>()).ToHashSet();
                    }
                }
                byOperation[operation.OperationId!] = statuses;
            }
            return new DeclaredProblems(byOperation);
        }
    }
}
