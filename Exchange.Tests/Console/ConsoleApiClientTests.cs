using Exchange.Api.Infrastructure;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.OpenApi;
using Exchange.WebConsole.Client;
using Exchange.WebConsole.Session;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Console;

/// <summary>The console's typed client is held to the OpenAPI document, and behaves as the API asks of a client.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsoleApiClientTests(ApiFactory api)
{
    public static TheoryData<string> Routes => [.. ApiRoutes.All.Select(r => r.OperationId)];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachRouteOfTheClient_IsAnOperationOfTheDocument_WithItsMethodPathAndQuery(string operationId)
    {
        var route = ApiRoutes.All.Single(r => r.OperationId == operationId);
        var document = await OpenApiDocument.FetchAsync(api);
        var operation = document.Operations.SingleOrDefault(o => o.Id == operationId);
        Assert.True(operation is not null, $"{operationId} is not in the document");
        Assert.Equal(route.Template, operation.Path);
        Assert.Equal(route.Method.ToLowerInvariant(), operation.Method);
        var parameters = operation.Parameters.Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!)).ToArray();
        Assert.All(route.Query, q => Assert.Contains((q, "query"), parameters));
        var placeholders = System.Text.RegularExpressions.Regex.Matches(route.Template, "{([^}]+)}").Select(m => m.Groups[1].Value);
        Assert.Equal(parameters.Where(p => p.In == "path").Select(p => p.Name).Order(), placeholders.Order());
        var key = operation.Parameters.Where(p => p.GetProperty("name").GetString() == IdempotencyMiddleware.HeaderName).ToArray();
        Assert.Equal(route.Keyed, key.Length == 1 && key[0].GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task TheConsolesPages_AreNotOperationsOfTheDocument()
    {
        var document = await OpenApiDocument.FetchAsync(api);
        Assert.DoesNotContain(document.Operations, o => o.Path.StartsWith("/console", StringComparison.Ordinal) || o.Path.StartsWith("/_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWithdrawalBeyondTheAvailableBalance_IsAProblemWithTheApisDetail()
    {
        var payer = await api.RegisterAsync();
        await api.DepositAsync(payer, 100m);
        var client = await ClientAsync(payer);

        var refusal = await Assert.ThrowsAsync<ApiProblemException>(() => client.WithdrawAsync(payer, 250m, null, new CommandKey()));

        Assert.Equal(422, refusal.Problem.Status);
        Assert.Equal("insufficient-funds", refusal.Problem.Code);
        Assert.Contains("100", refusal.Problem.Detail);
    }

    [Fact]
    public async Task AnAmountFinerThanAFen_IsNamedByItsField()
    {
        var payer = await api.RegisterAsync();
        await api.DepositAsync(payer, 100m);
        var client = await ClientAsync(payer);

        var refusal = await Assert.ThrowsAsync<ApiProblemException>(() => client.WithdrawAsync(payer, 1.234m, null, new CommandKey()));

        Assert.Equal(400, refusal.Problem.Status);
        Assert.NotEmpty(refusal.Problem.For("amount"));
    }

    [Fact]
    public async Task AWithdrawalWhoseAnswerWasLost_IsSentAgainWithItsKey_AndMovesTheMoneyOnce()
    {
        var payer = await api.RegisterAsync();
        await api.DepositAsync(payer, 100m);
        var handler = new LoseFirstAnswer(api.Server.CreateHandler());
        var client = await ClientAsync(payer, handler);

        var account = await client.WithdrawAsync(payer, 30m, "to the bank", new CommandKey());

        Assert.Equal(70m, account.Available);
        Assert.Equal(2, handler.Keys.Count);
        Assert.Single(handler.Keys.Distinct());
        Assert.Equal(70m, (await client.GetAccountAsync(payer)).Available);
    }

    [Fact]
    public void AnAction_KeepsItsKeyUntilItsRequestChangesOrSucceeds()
    {
        var key = new CommandKey();
        var first = key.For("{\"amount\":10}");
        Assert.Equal(first, key.For("{\"amount\":10}"));
        var changed = key.For("{\"amount\":11}");
        Assert.NotEqual(first, changed);
        key.Completed();
        Assert.NotEqual(changed, key.For("{\"amount\":11}"));
    }

    private async Task<ExchangeApiClient> ClientAsync(Guid participantId, HttpMessageHandler? handler = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Console:ApiBaseAddress"] = "http://localhost/" }).Build();
        var session = new ConsoleSession();
        var client = new ExchangeApiClient(new HttpClient(handler ?? api.Server.CreateHandler()), new ApiAddress(configuration, api.Services.GetRequiredService<IServer>()), session);
        var token = await client.MintDevTokenAsync(participantId);
        session.UseToken(token.AccessToken, token.ExpiresAt);
        return client;
    }

    /// <summary>Lets the first command reach the API, then loses its answer, as a dropped connection would.</summary>
    private sealed class LoseFirstAnswer(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<string> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Headers.TryGetValues(ExchangeApiClient.IdempotencyHeader, out var key))
            {
                Keys.Add(key.Single());
                if (Keys.Count == 1)
                {
                    response.Dispose();
                    throw new HttpRequestException("the connection was reset");
                }
            }
            return response;
        }
    }
}
