using System.Net;
using Exchange.Api.Ledger;
using Exchange.Grains.Common;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exchange.Tests.Resilience;

/// <summary>
/// A command meeting a database that refuses connections answers 503 <c>service-unavailable</c> with Retry-After,
/// nothing of it applied; the retry with the same Idempotency-Key after recovery applies it once; and however many
/// requests meet the outage, the log has one line for its cause and no stack trace.
/// </summary>
public sealed class UnavailableApiTests : IAsyncLifetime
{
    private readonly Faults _faults = new();
    private readonly CapturedLogs _logs = new();
    private readonly FaultyApi _api;

    public UnavailableApiTests() => _api = new FaultyApi(_faults, _logs);

    private sealed class FaultyApi(Faults faults, CapturedLogs logs) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.ConfigureTestServices(services => services.AddExchangeStore(new FaultInjectingStore(new InMemoryExchangeStore(), faults)));
        }
    }

    public Task InitializeAsync() => _api.InitializeAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ADepositMeetingARefusedConnection_Answers503ServiceUnavailable_AndTheRetryWithTheSameKeyAppliesOnce()
    {
        var investor = await _api.RegisterAsync();
        using var op = await _api.OperatorAsync();
        var refused = await StorageFaultsTests.RefusedConnectionAsync();
        _faults.ArmOnce(FaultInjectingStore.Ledger, _ => true, _ => refused); // the next ledger commit: this test's own factory makes no other
        var key = _api.NewKey();
        var body = new { amount = 250.00m, memo = "wire" };

        var first = await op.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        var problem = await first.AssertProblemAsync(503, "service-unavailable");
        Assert.Equal("5", first.Headers.RetryAfter?.ToString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("same Idempotency-Key", detail);
        Assert.DoesNotContain("Npgsql", detail);
        Assert.DoesNotContain("127.0.0.1", detail);
        Assert.Equal(0m, (await (await op.GetAsync($"/api/accounts/{investor}")).ReadAsync<AccountResponse>()).Available);

        var retry = await op.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = await op.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(250.00m, (await (await op.GetAsync($"/api/accounts/{investor}")).ReadAsync<AccountResponse>()).Available);
    }

    [Fact]
    public async Task ManyRequestsMeetingOneOutage_LogOneLineForItsCause_AndNoStackTrace()
    {
        var investor = await _api.RegisterAsync();
        using var op = await _api.OperatorAsync();
        var refused = await StorageFaultsTests.RefusedConnectionAsync();
        const int requests = 40;
        for (var i = 0; i < requests; i++)
        {
            _faults.ArmOnce(FaultInjectingStore.Ledger, _ => true, _ => refused); // the next ledger commit: this test's own factory makes no other
        }
        var before = _logs.Entries.Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ =>
            op.PostCommandAsync($"/api/accounts/{investor}/deposits", new { amount = 1m, memo = "burst" }, _api.NewKey())));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        var logged = _logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Warning).ToArray();
        var outage = Assert.Single(logged, e => e.Category == typeof(OutageLog).FullName);
        Assert.Contains("PostgreSQL unreachable", outage.Message);
        Assert.DoesNotContain(logged, e => e.Exception is not null);
        Assert.True(logged.Length <= 3, "log lines for one outage: " + string.Join(" | ", logged.Select(e => $"{e.Category}: {e.Message}")));
    }
}
