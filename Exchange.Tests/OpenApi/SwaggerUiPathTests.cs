using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.OpenApi;

/// <summary>
/// What Swagger UI does, and nothing more: it reads the document, signs in through the operation the document offers,
/// fills in the parameters the document declares (the Idempotency-Key among them) and the body from the example,
/// sends the bearer token as the security scheme says, and the command succeeds.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SwaggerUiPathTests(ApiFactory api)
{
    [Fact]
    public async Task ACommand_BuiltOnlyFromTheDocument_Succeeds()
    {
        var document = await OpenApiDocument.FetchAsync(api);
        using var client = api.CreateClient();

        var signIn = document.OperationById("MintDevToken");
        var token = await SendAsync(client, document, signIn, bearer: null);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();

        var register = document.OperationById("RegisterParticipant");
        var response = await SendAsync(client, document, register, accessToken);

        var body = await response.Content.ReadAsStringAsync();
        var declaredSuccess = register.Responses.Select(r => r.Status).Where(s => s.StartsWith('2')).ToArray();
        Assert.True(declaredSuccess.Contains(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{(int)response.StatusCode}: {body}");
        Assert.Equal("Shenzhen Bright Optics Co., Ltd.", JsonDocument.Parse(body).RootElement.GetProperty("legalName").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, OpenApiDocument document, OpenApiDocument.Operation operation, string? bearer)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), operation.Path);
        foreach (var parameter in operation.Parameters.Where(p => p.GetProperty("required").GetBoolean()))
        {
            Assert.Equal("header", parameter.GetProperty("in").GetString());
            request.Headers.Add(parameter.GetProperty("name").GetString()!, ValueFor(parameter.GetProperty("schema")));
        }
        if (operation.Body.TryGetProperty("requestBody", out var requestBody))
        {
            var schema = document.Resolve(requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            request.Content = new StringContent(schema.GetProperty("example").GetRawText(), Encoding.UTF8, "application/json");
        }
        if (operation.Body.TryGetProperty("security", out var security) && security.GetArrayLength() > 0)
        {
            var schemeName = security[0].EnumerateObject().Single().Name;
            var scheme = document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty(schemeName);
            Assert.Equal("http", scheme.GetProperty("type").GetString());
            Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
            Assert.NotNull(bearer);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>A fresh value satisfying a header's declared schema, as a person typing into Swagger UI would choose one.</summary>
    private static string ValueFor(JsonElement schema)
    {
        Assert.Equal("string", schema.GetProperty("type").GetString());
        var value = Guid.NewGuid().ToString();
        Assert.Matches(new Regex(schema.GetProperty("pattern").GetString()!), value);
        Assert.InRange(value.Length, schema.GetProperty("minLength").GetInt32(), schema.GetProperty("maxLength").GetInt32());
        return value;
    }
}
