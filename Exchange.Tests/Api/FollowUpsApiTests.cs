using System.Net;
using Exchange.Api.Participants;
using Exchange.Grains.Audit;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>A command whose follow-ups could not all be carried out answers 503 with Retry-After; the retry confirms it, once.</summary>
public sealed class FollowUpsApiTests : IAsyncLifetime
{
    private readonly Faults _faults = new();
    private readonly FaultyApi _api;

    public FollowUpsApiTests() => _api = new FaultyApi(_faults);

    private sealed class FaultyApi(Faults faults) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddExchangeStore(new FaultInjectingStore(new InMemoryExchangeStore(), faults)));
        }
    }

    public Task InitializeAsync() => _api.InitializeAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task RegistrationWhoseAuditAppendFailed_Answers503WithRetryAfter_AndTheRetryCompletesItOnce()
    {
        using var op = await _api.OperatorAsync();
        var key = _api.NewKey();
        var body = new { legalName = "Retry Later Ltd", kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = false };
        _faults.ArmOnce(FaultInjectingStore.Audit, entry => entry.StartsWith("participant:", StringComparison.Ordinal) && entry.Contains(":registered:", StringComparison.Ordinal));

        var first = await op.PostCommandAsync("/api/participants", body, key);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("1", first.Headers.RetryAfter?.ToString());
        Assert.Contains("follow-ups-pending", await first.Content.ReadAsStringAsync());

        var retry = await op.PostCommandAsync("/api/participants", body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var participant = await retry.ReadAsync<ParticipantResponse>();
        var trail = await (await op.GetAsync($"/api/audit/participant:{participant.ParticipantId:N}")).ReadAsync<AuditPage>();
        Assert.Single(trail.Entries, e => e.Action == "registered");
    }
}
