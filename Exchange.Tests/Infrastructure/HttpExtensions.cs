using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostCommandAsync(this HttpClient client, string path, object? body, string? idempotencyKey) =>
        client.PostRawAsync(path, body is null ? "" : JsonSerializer.Serialize(body, Json.Options), idempotencyKey);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;

    /// <summary>Asserts a ProblemDetails response with the given status and, if named, problem type.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? problemCode = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        Assert.False(response.Headers.TryGetValues(ProblemContractGuard.ViolationHeader, out var undeclared), string.Join("; ", undeclared ?? []));
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (problemCode is not null)
        {
            Assert.Equal("https://exchange.example/problems/" + problemCode, problem.GetProperty("type").GetString());
        }
        return problem;
    }
}
