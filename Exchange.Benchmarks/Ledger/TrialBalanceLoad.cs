using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Benchmarks.Transfers;
using Exchange.Grains.Common;

namespace Exchange.Benchmarks.Ledger;

/// <summary>
/// GET /api/ledger/trial-balance against the running API, as the operator: throughput and latency at any history
/// length (the totals are read from the balance snapshots). Then the verification, which recomputes them from every
/// line, timed a few times for comparison.
/// </summary>
public static class TrialBalanceLoad
{
    public static async Task RunAsync(Uri api, int requests, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(120) };
        var token = await TokenAsync(http, DeterministicId.From("platform-operator"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var verification = await GetAsync(http, "/api/ledger/trial-balance/verification");
        var maintained = verification.GetProperty("maintained");
        Console.WriteLine($"trial balance: {maintained.GetProperty("postingCount").GetInt64():N0} postings, balanced {maintained.GetProperty("isBalanced").GetBoolean()}, " +
            $"maintained totals agree with the lines: {verification.GetProperty("agrees").GetBoolean()}");

        await LatencyRecorder.WarmUpAsync(TimeSpan.FromSeconds(3), concurrency, _ => GetAsync(http, "/api/ledger/trial-balance"));
        var recorder = new LatencyRecorder();
        var wall = await LatencyRecorder.RunAsync(requests, concurrency, _ => GetAsync(http, "/api/ledger/trial-balance"), recorder);
        Console.WriteLine(recorder.Report($"GET /api/ledger/trial-balance, concurrency {concurrency}", wall));

        var verifications = new LatencyRecorder();
        var started = Stopwatch.StartNew();
        await LatencyRecorder.RunAsync(5, 1, _ => GetAsync(http, "/api/ledger/trial-balance/verification"), verifications);
        Console.WriteLine(verifications.Report("GET /api/ledger/trial-balance/verification (recomputed from every line), one at a time", started.Elapsed));
    }

    private static async Task<string> TokenAsync(HttpClient http, Guid participantId)
    {
        var response = await http.PostAsJsonAsync("/dev/tokens", new { participantId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {path}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
