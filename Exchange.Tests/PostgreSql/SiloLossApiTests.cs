using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// The production shape: a silo process on PostgreSQL and the API as an Orleans client. The silo is killed with SIGKILL
/// while deposits are in flight and started again 1.5 s later. Every request answers within the API's call timeout
/// (5 s) and a margin, with 200 or 503 <c>service-unavailable</c> and Retry-After, never 500; the retry of every 503
/// with the same Idempotency-Key succeeds; and each deposit is applied exactly once.
/// </summary>
public sealed class SiloLossApiTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    /// <summary>Generous on a loaded 2-core machine: the call timeout is 5 s; a request that waits 30 s fails this.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    private sealed class ClientModeApi(string connectionString, string clusterId, CapturedLogs logs) : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.UseSetting("Exchange:Api:Mode", "Client");
            builder.UseSetting("Exchange:Storage", "PostgreSql");
            builder.UseSetting("Exchange:PostgreSql", connectionString);
            builder.UseSetting("Exchange:ClusterId", clusterId);
            builder.UseSetting("Exchange:ServiceId", clusterId);
        }
    }

    private sealed record Attempt(string Key, HttpStatusCode Status, TimeSpan Took, string? RetryAfter, string Body);

    [Fact]
    public async Task SiloKilledWithRequestsInFlight_EveryRequestAnswers200Or503WithinTheTimeout_AndTheRetriesApplyEachDepositOnce()
    {
        var clusterId = "loss-" + Guid.NewGuid().ToString("N")[..8];
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        using var silo = new SiloProcess(postgres.ConnectionString, clusterId, siloPort, gatewayPort);
        try
        {
            silo.Start();
            (await SiloClient.ConnectAsync(postgres.ConnectionString, clusterId, gatewayPort)).Dispose();
            var logs = new CapturedLogs();
            await using var api = new ClientModeApi(postgres.ConnectionString, clusterId, logs);
            await api.InitializeAsync();
            var investor = await api.RegisterAsync();
            using var op = await api.OperatorAsync();

            var attempts = new ConcurrentQueue<Attempt>();
            var bodies = new ConcurrentDictionary<string, object>();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var key = api.NewKey();
                    var body = new { amount = 1.00m, memo = "in flight" };
                    bodies[key] = body;
                    var attempt = await SendAsync(op, investor, key, body);
                    attempts.Enqueue(attempt);
                    if (attempt.Status != HttpStatusCode.OK)
                    {
                        await Task.Delay(100); // a client pausing before its next command, not a tight loop
                    }
                }
            })).ToArray();

            await WaitUntilAsync(() => attempts.Count(a => a.Status == HttpStatusCode.OK) >= 50, TimeSpan.FromSeconds(60), "50 deposits before the kill");
            silo.Kill();
            var killedAfter = attempts.Count;
            await Task.Delay(1500);
            silo.Start();
            await WaitUntilAsync(() => attempts.Skip(killedAfter).Any(a => a.Status == HttpStatusCode.OK), TimeSpan.FromSeconds(90), "a deposit succeeding after the restart");
            stop.Cancel();
            await Task.WhenAll(workers);

            var all = attempts.ToArray();
            var unavailable = all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToArray();
            output.WriteLine($"{all.Length} deposits sent, {unavailable.Length} answered 503; slowest answer {all.Max(a => a.Took).TotalSeconds:0.0} s; " +
                $"503s in {unavailable.Min(a => a.Took).TotalSeconds:0.00}–{unavailable.Max(a => a.Took).TotalSeconds:0.00} s");
            foreach (var detail in unavailable.GroupBy(a => System.Text.Json.JsonDocument.Parse(a.Body).RootElement.GetProperty("detail").GetString()))
            {
                output.WriteLine($"{detail.Count()} x in {detail.Min(a => a.Took).TotalSeconds:0.00}–{detail.Max(a => a.Took).TotalSeconds:0.00} s: {detail.Key}");
            }
            Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Status} after {a.Took}: {a.Body}"));
            Assert.NotEmpty(unavailable);
            Assert.All(unavailable, a =>
            {
                Assert.Contains("https://exchange.example/problems/service-unavailable", a.Body);
                Assert.NotNull(a.RetryAfter);
            });
            Assert.All(all, a => Assert.True(a.Took < AnswerBound, $"{a.Status} took {a.Took}"));

            // The careful client retries each 503 with its key until it is answered.
            foreach (var failed in unavailable)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (true)
                {
                    var retry = await SendAsync(op, investor, failed.Key, bodies[failed.Key]);
                    if (retry.Status == HttpStatusCode.OK)
                    {
                        break;
                    }
                    Assert.True(retry.Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"retry of {failed.Key}: {retry.Status} {retry.Body}");
                    await Task.Delay(500);
                }
            }

            var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToArray();
            output.WriteLine($"the API logged {warnings.Length} warnings or errors, {warnings.Count(e => e.Exception is not null)} with a stack trace:");
            foreach (var line in warnings.GroupBy(e => e.Category))
            {
                output.WriteLine($"  {line.Count()} x {line.Key}: {line.First().Message}");
            }

            var balance = (await (await op.GetAsync($"/api/accounts/{investor}")).ReadAsync<AccountResponse>()).Available;
            Assert.Equal(bodies.Count * 1.00m, balance);
        }
        catch
        {
            output.WriteLine(silo.Log);
            throw;
        }
    }

    private static async Task<Attempt> SendAsync(HttpClient client, Guid investor, string key, object body)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostCommandAsync($"/api/accounts/{investor}/deposits", body, key);
        var text = await response.Content.ReadAsStringAsync();
        return new Attempt(key, response.StatusCode, watch.Elapsed, response.Headers.RetryAfter?.ToString(), text);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Delay(100);
        }
    }
}
