using System.Diagnostics;
using System.Net;
using Exchange.Api.Ledger;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Exchange.Tests.Resilience;

/// <summary>
/// A command whose grain does not answer (its database stopped answering) is given up after Exchange:Api:CallTimeout
/// and answered 503 <c>service-unavailable</c>, not left to Orleans' 30 s and a 500; once the database answers again,
/// the retry with the same key is answered and the deposit is applied once.
/// </summary>
public sealed class CallDeadlineApiTests : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private readonly Faults _faults = new();
    private readonly SlowApi _api;

    public CallDeadlineApiTests() => _api = new SlowApi(_faults);

    private sealed class SlowApi(Faults faults) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Exchange:Api:CallTimeout", CallTimeout.ToString());
            builder.ConfigureTestServices(services => services.AddExchangeStore(new FaultInjectingStore(new InMemoryExchangeStore(), faults)));
        }
    }

    public Task InitializeAsync() => _api.InitializeAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ADepositWhoseLedgerDoesNotAnswer_Answers503AfterTheCallTimeout_AndTheRetryAppliesItOnce()
    {
        var investor = await _api.RegisterAsync();
        using var op = await _api.OperatorAsync();
        var database = new TaskCompletionSource();
        _faults.HoldOnce(FaultInjectingStore.Ledger, _ => true, database.Task);
        var key = _api.NewKey();
        var body = new { amount = 75.00m, memo = "slow" };

        var watch = Stopwatch.StartNew();
        var first = await op.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        var took = watch.Elapsed;
        var problem = await first.AssertProblemAsync(503, "service-unavailable");
        Assert.Contains("did not answer in time", problem.GetProperty("detail").GetString());
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.True(took >= CallTimeout - TimeSpan.FromMilliseconds(100), $"answered after {took}, before the timeout");
        Assert.True(took < CallTimeout + TimeSpan.FromSeconds(10), $"answered after {took}"); // Orleans' own 30 s would fail this

        database.SetResult();
        var retry = await op.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(75.00m, (await (await op.GetAsync($"/api/accounts/{investor}")).ReadAsync<AccountResponse>()).Available);
    }
}
