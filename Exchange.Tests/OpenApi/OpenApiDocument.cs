using System.Text.Json;
using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.OpenApi;

/// <summary>The document as Swagger UI fetches it, with the lookups the tests need.</summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public const string Path = "/swagger/" + OpenApiSetup.DocumentName + "/swagger.json";

    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public JsonElement Root { get; } = root;

    public static async Task<OpenApiDocument> FetchAsync(ApiFactoryBase api)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync(Path);
        response.EnsureSuccessStatusCode();
        return new OpenApiDocument(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public IEnumerable<Operation> Operations =>
        from path in Root.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select new Operation(path.Name, method.Name, method.Value);

    public Operation OperationById(string operationId) => Operations.Single(o => o.Id == operationId);

    /// <summary>Follows a <c>$ref</c> to the component it names.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = Root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }

    public sealed record Operation(string Path, string Method, JsonElement Body)
    {
        public string Id => Body.GetProperty("operationId").GetString()!;

        public bool IsCommand => Method is "post" or "put" or "patch" or "delete";

        public IEnumerable<JsonElement> Parameters => Body.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : [];

        public IEnumerable<(string Status, JsonElement Response)> Responses =>
            Body.GetProperty("responses").EnumerateObject().Select(r => (r.Name, r.Value));

        public JsonElement? Response(int status) =>
            Body.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : null;

        public IReadOnlyList<string> ProblemTypes(int status) =>
            Response(status) is { } r && r.TryGetProperty(ProblemResponsesFilter.ProblemTypesExtension, out var types)
                ? types.EnumerateArray().Select(t => t.GetString()!).ToArray()
                : [];

        public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({Id})";
    }
}
