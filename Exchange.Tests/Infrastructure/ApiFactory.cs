using System.Net.Http.Headers;
using System.Net.Http.Json;
using Exchange.Api.DevTokens;
using Exchange.Api.Infrastructure;
using Exchange.Api.Participants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The whole API with its co-hosted silo, in memory. The silo opens real TCP ports even under the test server,
/// so each factory takes free ones.
/// </summary>
public sealed class ApiFactory : ApiFactoryBase;

public class ApiFactoryBase : WebApplicationFactory<Program>, IAsyncLifetime
{
    private int _keys;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Exchange:Storage", "Memory");
        builder.UseSetting("Exchange:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Exchange:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Exchange:Api:Mode", "Embedded");
        builder.UseSetting("Auth:DevSigningKey", "test-signing-key-0123456789-0123456789-abcdef");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ProblemContractGuard>());
    }

    public async Task InitializeAsync() => await PlatformBootstrap.EnsureOperatorAsync(Services.GetRequiredService<IGrainFactory>());

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}";

    public async Task<HttpClient> ClientForAsync(Guid participantId)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/dev/tokens", new { participantId });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<DevTokenResponse>(Json.Options))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    public Task<HttpClient> OperatorAsync() => ClientForAsync(PlatformBootstrap.OperatorId);

    /// <summary>Registers (and by default verifies) a participant through the API, as the operator.</summary>
    public async Task<Guid> RegisterAsync(string roles = "Investor", bool verify = true)
    {
        using var op = await OperatorAsync();
        var code = TestCodes.NewCreditCode();
        var response = await op.PostCommandAsync("/api/participants", new { legalName = "Participant " + Guid.NewGuid().ToString("N")[..8], kind = "enterprise", creditCode = code, roles = new[] { roles }, isDomestic = true, isSmallEntity = false }, NewKey());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var participant = (await response.Content.ReadFromJsonAsync<ParticipantResponse>(Json.Options))!;
        if (verify)
        {
            (await op.PostCommandAsync($"/api/participants/{participant.ParticipantId}/kyc", new { decision = "verify", reason = "documents checked" }, NewKey())).EnsureSuccessStatusCode();
        }
        return participant.ParticipantId;
    }

    public async Task DepositAsync(Guid participantId, decimal amount)
    {
        using var op = await OperatorAsync();
        (await op.PostCommandAsync($"/api/accounts/{participantId}/deposits", new { amount, memo = "funding" }, NewKey())).EnsureSuccessStatusCode();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
