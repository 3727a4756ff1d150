using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.OpenApi;

/// <summary>
/// The conventions every operation of the document follows, checked over all of them, so that an endpoint added
/// later cannot leave out its Idempotency-Key, its errors or its limits.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiConventionsTests(ApiFactory api) : IAsyncLifetime
{
    private OpenApiDocument _document = null!;

    public async Task InitializeAsync() => _document = await OpenApiDocument.FetchAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The endpoints that take no Idempotency-Key, by the metadata the middleware reads.</summary>
    private IReadOnlySet<string> EndpointsWithoutKey => api.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Where(e => e.Metadata.GetMetadata<SkipIdempotencyAttribute>() is not null)
        .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).ToHashSet();

    [Fact]
    public void TheDocument_IsWrittenForTheLinter()
    {
        Assert.StartsWith("3.", _document.Root.GetProperty("openapi").GetString());
        Assert.True(_document.Operations.Count() > 40, "the document lists the API's operations");
        // scripts/test.sh lints the document the tests fetched: the one the running API serves.
        if (Environment.GetEnvironmentVariable("EXCHANGE_OPENAPI_DOCUMENT") is { Length: > 0 } target)
        {
            File.WriteAllText(target, _document.Root.GetRawText());
        }
    }

    [Fact]
    public void EveryEndpoint_IsInTheDocument()
    {
        var documented = _document.Operations.Select(o => o.Id).ToHashSet();
        var named = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).OfType<string>();
        Assert.All(named, n => Assert.Contains(n, documented));
        Assert.True(_document.Operations.Count() <= named.Count(), "every operation is a named endpoint");
    }

    [Fact]
    public void EveryCommand_DeclaresARequiredIdempotencyKey_WithTheMiddlewaresLimits()
    {
        var commands = _document.Operations.Where(o => o.IsCommand).ToArray();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var key = command.Parameters.SingleOrDefault(p => p.GetProperty("name").GetString() == IdempotencyMiddleware.HeaderName);
            if (EndpointsWithoutKey.Contains(command.Id))
            {
                Assert.True(key.ValueKind == JsonValueKind.Undefined, $"{command} takes no key, so it declares none");
                continue;
            }
            Assert.True(key.ValueKind == JsonValueKind.Object, $"{command} declares the {IdempotencyMiddleware.HeaderName} header");
            Assert.Equal("header", key.GetProperty("in").GetString());
            Assert.True(key.GetProperty("required").GetBoolean(), $"{command}: the key is required");
            var schema = key.GetProperty("schema");
            Assert.Equal(IdempotencyMiddleware.MaxKeyLength, schema.GetProperty("maxLength").GetInt32());
            Assert.Equal(IdempotencyMiddleware.KeyPattern, schema.GetProperty("pattern").GetString());
        }
        Assert.DoesNotContain(_document.Operations.Where(o => !o.IsCommand), o => o.Parameters.Any(p => p.GetProperty("name").GetString() == IdempotencyMiddleware.HeaderName));
    }

    [Fact]
    public void EveryOperation_DeclaresTheErrorsOfItsKind_AsProblemDetails()
    {
        foreach (var operation in _document.Operations)
        {
            var secured = operation.Body.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            var hasInput = operation.Parameters.Any() || operation.Body.TryGetProperty("requestBody", out _);
            var keyed = operation.IsCommand && !EndpointsWithoutKey.Contains(operation.Id);

            Assert.True(operation.Responses.Any(r => r.Status.StartsWith('2') && r.Response.TryGetProperty("content", out _)), $"{operation} documents its success with a schema");
            AssertProblem(operation, 500, ApiProblems.InternalFault.Type);
            if (hasInput)
            {
                AssertProblem(operation, 400, DomainErrors.InvalidInput.TypeUri);
            }
            if (secured)
            {
                AssertProblem(operation, 401, ApiProblems.Unauthenticated.Type);
                AssertProblem(operation, 403, DomainErrors.Forbidden.TypeUri);
                Assert.True(operation.Response(401)!.Value.GetProperty("headers").TryGetProperty("WWW-Authenticate", out _), $"{operation}: 401 names its challenge");
            }
            if (keyed)
            {
                AssertProblem(operation, 400, DomainErrors.IdempotencyKeyMissing.TypeUri);
                AssertProblem(operation, 422, DomainErrors.IdempotencyKeyReused.TypeUri);
                AssertProblem(operation, 503, ApiProblems.FollowUpsPending.Type);
            }
            if (operation.IsCommand)
            {
                AssertProblem(operation, 429, ApiProblems.RateLimited.Type);
                foreach (var status in new[] { 429, 503 }.Where(s => operation.Response(s) is not null))
                {
                    Assert.True(operation.Response(status)!.Value.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{operation}: {status} says when to retry");
                }
                foreach (var (status, response) in operation.Responses.Where(r => r.Status[0] is '2' or '4'))
                {
                    Assert.True(response.GetProperty("headers").TryGetProperty("RateLimit-Remaining", out _), $"{operation}: {status} carries the rate-limit headers");
                }
            }
        }
    }

    private static void AssertProblem(OpenApiDocument.Operation operation, int status, string type)
    {
        var response = operation.Response(status);
        Assert.True(response is not null, $"{operation} declares {status}");
        Assert.True(response!.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{operation}: {status} is ProblemDetails");
        Assert.Contains(type, operation.ProblemTypes(status));
    }

    [Fact]
    public void EveryProblemTypeTheDocumentNames_IsOneTheExchangeAnswersWith()
    {
        var known = typeof(DomainErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => ((DomainError)f.GetValue(null)!).TypeUri)
            .Concat(typeof(ApiProblems).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DeclaredProblem)).Select(f => ((DeclaredProblem)f.GetValue(null)!).Type))
            .ToHashSet();
        Assert.All(known.Where(t => !t.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)), t => Assert.StartsWith(ApiProblems.ExchangeTypes, t));
        var named = _document.Operations.SelectMany(o => o.Responses.SelectMany(r => o.ProblemTypes(int.Parse(r.Status, System.Globalization.CultureInfo.InvariantCulture)))).ToHashSet();
        Assert.NotEmpty(named);
        Assert.All(named, t => Assert.Contains(t, known));
    }

    [Fact]
    public void EveryRequestBody_HasAnExample_WithEveryRequiredField_WithinItsLimits()
    {
        foreach (var operation in _document.Operations.Where(o => o.Body.TryGetProperty("requestBody", out _)))
        {
            var schema = _document.Resolve(operation.Body.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            Assert.True(schema.TryGetProperty("example", out var example), $"{operation} shows an example body");
            AssertWithin(schema, example, operation.ToString());
        }
    }

    /// <summary>The example obeys the schema's own keywords: required fields, lengths, patterns, item counts, ranges.</summary>
    private void AssertWithin(JsonElement schema, JsonElement value, string where)
    {
        schema = _document.Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                Assert.True(value.TryGetProperty(name, out _), $"{where}: the example has the required '{name}'");
            }
        }
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                Assert.True(properties.TryGetProperty(property.Name, out var propertySchema), $"{where}: '{property.Name}' is a declared field");
                AssertWithin(propertySchema, property.Value, $"{where}.{property.Name}");
            }
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            Assert.True(!schema.TryGetProperty("maxLength", out var max) || text.Length <= max.GetInt32(), $"{where}: '{text}' is within maxLength");
            Assert.True(!schema.TryGetProperty("minLength", out var min) || text.Length >= min.GetInt32(), $"{where}: '{text}' is within minLength");
            Assert.True(!schema.TryGetProperty("pattern", out var pattern) || Regex.IsMatch(text, pattern.GetString()!), $"{where}: '{text}' matches its pattern");
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            Assert.True(!schema.TryGetProperty("maxItems", out var max) || value.GetArrayLength() <= max.GetInt32(), $"{where}: within maxItems");
            Assert.True(!schema.TryGetProperty("minItems", out var min) || value.GetArrayLength() >= min.GetInt32(), $"{where}: within minItems");
            foreach (var item in value.EnumerateArray())
            {
                AssertWithin(schema.GetProperty("items"), item, where + "[]");
            }
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDecimal();
            Assert.True(!schema.TryGetProperty("minimum", out var min) || number >= min.GetDecimal(), $"{where}: {number} is within minimum");
            Assert.True(!schema.TryGetProperty("maximum", out var max) || number <= max.GetDecimal(), $"{where}: {number} is within maximum");
            Assert.True(!schema.TryGetProperty("multipleOf", out var step) || number % step.GetDecimal() == 0, $"{where}: {number} is a multiple of its step");
        }
    }
}
