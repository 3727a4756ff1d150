using System.Net;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// Issue 9: copies of one command sent at once under one Idempotency-Key act once and all get the first answer; one
/// key sent with different bodies at once applies exactly one of them and refuses the rest with 422, whatever the
/// command. The ledger's commands are tested so in <see cref="LedgerIdempotencyApiTests"/>; these are the others.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CommandCopiesTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<IReadOnlyList<(HttpStatusCode Status, string Body)>> SendAtOnceAsync(HttpClient client, string path, IEnumerable<object> bodies, string key)
    {
        var responses = await Task.WhenAll(bodies.Select(body => client.PostCommandAsync(path, body, key)));
        return await Task.WhenAll(responses.Select(async r => (r.StatusCode, await r.Content.ReadAsStringAsync())));
    }

    private static void AssertAllGotTheFirstAnswer(IReadOnlyList<(HttpStatusCode Status, string Body)> answers)
    {
        Assert.All(answers, a => Assert.True((int)a.Status is >= 200 and < 300, $"{(int)a.Status}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct());
    }

    private static void AssertExactlyOneApplied(IReadOnlyList<(HttpStatusCode Status, string Body)> answers)
    {
        Assert.Single(answers, a => (int)a.Status is >= 200 and < 300);
        Assert.All(answers.Where(a => (int)a.Status is < 200 or >= 300), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.Contains("idempotency-key-reused", a.Body);
        });
    }

    [Fact]
    public async Task PatentRegistration_CopiesAtOnce_RegisterOnce_AndOneKeyForDifferentNumbers_RegistersOnlyOne()
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var filed = Today.AddYears(-1);
        var number = PatentsApiTests.NewNumber(filed.Year);
        AssertAllGotTheFirstAnswer(await SendAtOnceAsync(client, "/api/patents",
            Enumerable.Repeat(PatentsApiTests.Registration(number, filed, (owner, 100m)), 12), api.NewKey()));

        var numbers = Enumerable.Range(0, 8).Select(_ => PatentsApiTests.NewNumber(filed.Year)).ToArray();
        AssertExactlyOneApplied(await SendAtOnceAsync(client, "/api/patents", numbers.Select(n => PatentsApiTests.Registration(n, filed, (owner, 100m))), api.NewKey()));
        var registered = 0;
        foreach (var n in numbers)
        {
            registered += (await client.GetAsync($"/api/patents/{n}")).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        Assert.Equal(1, registered);
    }

    [Fact]
    public async Task Offers_CopiesAtOnce_MakeOneOffer_AndOneKeyForDifferentPrices_MakesOnlyOne()
    {
        var (_, _, _, listingId) = await ListingsApiTests.ListedPatentAsync(api);
        var buyer = await api.RegisterAsync("Investor");
        using var client = await api.ClientForAsync(buyer);
        var path = $"/api/listings/{listingId}/offers";
        AssertAllGotTheFirstAnswer(await SendAtOnceAsync(client, path,
            Enumerable.Repeat<object>(new { kind = "purchase", price = 900_000m, expiresOn = Today.AddDays(14) }, 12), api.NewKey()));
        AssertExactlyOneApplied(await SendAtOnceAsync(client, path,
            Enumerable.Range(1, 8).Select(i => (object)new { kind = "purchase", price = 900_000m + i, expiresOn = Today.AddDays(14) }), api.NewKey()));

        using var op = await api.OperatorAsync();
        var listing = await (await op.GetAsync($"/api/listings/{listingId}")).ReadAsync<Exchange.Api.Listings.ListingResponse>();
        Assert.Equal(2, listing.Offers.Count(o => o.BidderId == buyer));
    }

    [Fact]
    public async Task Mandates_OneKeyForTwoAgencies_GrantsOnlyOne()
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var filed = Today.AddYears(-1);
        var number = PatentsApiTests.NewNumber(filed.Year);
        (await client.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (owner, 100m)), api.NewKey())).EnsureSuccessStatusCode();
        var agencies = new[] { await api.RegisterAsync("Agency"), await api.RegisterAsync("Agency"), await api.RegisterAsync("Agency") };
        AssertExactlyOneApplied(await SendAtOnceAsync(client, $"/api/patents/{number}/mandates",
            agencies.Select(a => (object)new { agencyId = a, validUntil = Today.AddYears(1) }), api.NewKey()));
    }
}
