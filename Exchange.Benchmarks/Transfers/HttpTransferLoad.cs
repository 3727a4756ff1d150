using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Benchmarks.Transfers;

/// <summary>
/// A load tool for the running API on loopback: sets up verified, funded participants through the API itself,
/// then posts immediate transfers at a fixed concurrency and reports throughput and p50/p99 latency.
/// </summary>
public static class HttpTransferLoad
{
    public static async Task RunAsync(Uri api, int transfers, int concurrency, int participants)
    {
        if (!api.IsLoopback)
        {
            throw new ArgumentException("The load tool only targets the API on this machine (loopback).");
        }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };

        var operatorToken = await TokenAsync(http, DeterministicId.From("platform-operator"));
        var people = new (Guid Id, string Token)[participants];
        await Parallel.ForAsync(0, participants, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var code = CreditCodeRules.CompleteUnifiedSocialCreditCode("91110108" + Random.Shared.NextInt64(100_000_000, 999_999_999));
            var created = await PostAsync(http, operatorToken, "/api/participants",
                new { legalName = $"Load {i}", kind = "enterprise", creditCode = code, roles = new[] { "Investor" }, isDomestic = true, isSmallEntity = false });
            var id = created.GetProperty("participantId").GetGuid();
            await PostAsync(http, operatorToken, $"/api/participants/{id}/kyc", new { decision = "verify" });
            await PostAsync(http, operatorToken, $"/api/accounts/{id}/deposits", new { amount = 10_000_000m });
            people[i] = (id, await TokenAsync(http, id));
        });

        Task Transfer(int i)
        {
            var payer = people[i % participants];
            var payee = people[(i * 7 + 1) % participants];
            if (payee.Id == payer.Id)
            {
                payee = people[(i + 1) % participants];
            }
            return PostAsync(http, payer.Token, "/api/transfers", new { payee = payee.Id.ToString(), amount = 1m + i % 500, mode = "immediate" });
        }

        var (warmedUp, warmUp) = await LatencyRecorder.WarmUpUntilSteadyAsync(TimeSpan.FromSeconds(90), concurrency, Transfer);
        Console.WriteLine($"  {warmUp}");
        var recorder = new LatencyRecorder();
        var cpu = new CpuMeter();
        var wall = await LatencyRecorder.RunAsync(transfers, concurrency, i => Transfer(warmedUp + i), recorder);
        Console.WriteLine(recorder.Report($"HTTP POST /api/transfers, concurrency {concurrency}", wall));
        Console.WriteLine(cpu.Report(transfers, wall).Replace("this process", "the load tool").Replace("(the database)", "(the API with its silo, and the database)"));
    }

    private static async Task<string> TokenAsync(HttpClient http, Guid participantId)
    {
        var response = await http.PostAsJsonAsync("/dev/tokens", new { participantId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {path}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
