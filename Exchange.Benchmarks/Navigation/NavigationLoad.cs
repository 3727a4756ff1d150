using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Benchmarks.Transfers;
using Exchange.Grains.Common;

namespace Exchange.Benchmarks.Navigation;

/// <summary>A load tool for patent navigation: closed-loop GET /api/listings with a mix of filters, on loopback.</summary>
public static class NavigationLoad
{
    public static async Task RunAsync(Uri api, int requests, int concurrency)
    {
        if (!api.IsLoopback)
        {
            throw new ArgumentException("The load tool only targets the API on this machine (loopback).");
        }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 };
        using var http = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        var token = await http.PostAsJsonAsync("/dev/tokens", new { participantId = DeterministicId.From("platform-operator") });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        string[] words = ["battery", "neural", "vaccine", "sensor", "solar", "turbine", "graphene", "laser", "enzyme", "robot"];
        string Query(int i)
        {
            var random = new Random(i);
            var subclass = NavigationData.Subclasses[random.Next(NavigationData.Subclasses.Length)];
            return (i % 5) switch
            {
                0 => $"/api/listings?ipc={subclass}&limit=20",
                1 => $"/api/listings?keyword={words[random.Next(words.Length)]}&limit=20",
                2 => $"/api/listings?ipc={subclass}&licenseType={(i % 3 == 0 ? "exclusive" : "ordinary")}&limit=20",
                3 => $"/api/listings?minPrice={random.Next(1, 100) * 10_000}&maxPrice={random.Next(100, 500) * 10_000}&limit=20",
                _ => $"/api/listings?ipc={subclass[..3]}&keyword={words[random.Next(words.Length)]}&limit=20",
            };
        }

        var found = 0L;
        async Task Search(int i)
        {
            using var response = await http.GetAsync(Query(i));
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Interlocked.Add(ref found, page.GetProperty("listings").GetArrayLength());
        }

        await LatencyRecorder.RunAsync(500, concurrency, Search, new LatencyRecorder());
        found = 0;
        var recorder = new LatencyRecorder();
        var wall = await LatencyRecorder.RunAsync(requests, concurrency, i => Search(1_000 + i), recorder);
        Console.WriteLine(recorder.Report($"HTTP GET /api/listings (mixed filters, 20 per page), concurrency {concurrency}", wall));
        Console.WriteLine($"  {(double)found / requests:F1} listings per response on average");
    }
}
