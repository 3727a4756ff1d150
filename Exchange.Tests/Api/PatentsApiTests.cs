using System.Net;
using Exchange.Api.Ledger;
using Exchange.Api.Patents;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class PatentsApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string NewNumber(int year)
    {
        var digits = $"{year}1{Random.Shared.Next(0, 10_000_000):D7}";
        return $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
    }

    public static object Registration(string number, DateOnly filed, params (Guid Id, decimal Percent)[] owners) => Registration(number, filed, "H10K 30/57", owners);

    public static object Registration(string number, DateOnly filed, string ipc, params (Guid Id, decimal Percent)[] owners) => new
    {
        applicationNumber = number,
        title = "Perovskite tandem solar cell",
        ipcClasses = new[] { ipc },
        filingDate = filed,
        owners = owners.Select(o => new { participantId = o.Id, sharePercent = o.Percent }).ToArray(),
        inventors = new[] { new { name = "Zhang Min", isServiceInvention = true, employerParticipantId = owners[0].Id } },
    };

    [Fact]
    public async Task OwnerRecordsAPatent_OperatorGrantsIt_OwnerPaysTheFirstFee()
    {
        var owner = await api.RegisterAsync("Owner");
        await api.DepositAsync(owner, 10_000m);
        using var client = await api.ClientForAsync(owner);
        var filed = Today.AddYears(-2).AddDays(20);
        var number = NewNumber(filed.Year);

        var created = await client.PostCommandAsync("/api/patents", Registration("ZL" + number, filed, (owner, 100m)), api.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var patent = await created.ReadAsync<PatentResponse>();
        Assert.Equal((number, LegalStatus.Pending, (string?)null), (patent.ApplicationNumber, patent.LegalStatus, patent.GrantedNumber)); // no ZL number before grant
        Assert.Equal(filed.AddYears(20).AddDays(-1), patent.LastDayOfTerm);

        using var op = await api.OperatorAsync();
        var granted = await (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, api.NewKey())).ReadAsync<PatentResponse>();
        Assert.Equal((LegalStatus.InForce, "ZL" + number), (granted.LegalStatus, granted.GrantedNumber));
        Assert.Equal(new NextAnnualFeeResponse(2, Today, Today.AddMonths(6), 900m), granted.NextFee);

        var paid = await (await client.PostCommandAsync($"/api/patents/ZL{number}/annual-fees", new { patentYear = 2 }, api.NewKey())).ReadAsync<PatentResponse>();
        Assert.Equal([2], paid.PaidFeeYears);
        Assert.Equal(10_000m - 900m, (await (await client.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available); // not a small entity

        using var anyone = await api.ClientForAsync(await api.RegisterAsync("Licensee"));
        Assert.Equal(LegalStatus.InForce, (await (await anyone.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>()).LegalStatus);
    }

    [Theory]
    [InlineData("201710601862.4", "invalid-application-number")]
    [InlineData("2017106018.3", "invalid-application-number")]
    public async Task BadApplicationNumber_Is400WithItsRule(string number, string problem)
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        await (await client.PostCommandAsync("/api/patents", Registration(number, new DateOnly(2017, 7, 21), (owner, 100m)), api.NewKey())).AssertProblemAsync(400, problem);
        await (await client.GetAsync($"/api/patents/{number}")).AssertProblemAsync(400, problem);
    }

    [Fact]
    public async Task SharesNotAddingUpTo100_Are400()
    {
        var owner = await api.RegisterAsync("Owner");
        var other = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var problem = await (await client.PostCommandAsync("/api/patents", Registration(NewNumber(2020), new DateOnly(2020, 5, 5), (owner, 50m), (other, 49.99m)), api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("owners", out _));
        await (await client.PostCommandAsync("/api/patents", Registration(NewNumber(2020), new DateOnly(2020, 5, 5), (owner, 50.001m), (other, 49.999m)), api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
    }

    [Theory]
    [InlineData("{\"applicationNumber\":\"201710601862.3\",\"title\":\"T\",\"ipcClasses\":[null],\"filingDate\":\"2017-07-21\",\"owners\":[{\"participantId\":\"OWNER\",\"sharePercent\":100}],\"inventors\":[{\"name\":\"X\"}]}")]
    [InlineData("{\"applicationNumber\":\"201710601862.3\",\"title\":\"T\",\"ipcClasses\":[\"H01M\"],\"filingDate\":\"2017-07-21\",\"owners\":[null],\"inventors\":[{\"name\":\"X\"}]}")]
    [InlineData("{\"applicationNumber\":\"201710601862.3\",\"title\":\"T\",\"ipcClasses\":[\"H01M\"],\"filingDate\":\"2017-07-21\",\"owners\":[{\"participantId\":\"OWNER\",\"sharePercent\":100}],\"inventors\":[null]}")]
    [InlineData("{\"applicationNumber\":\"201710601862.3\",\"title\":\"T\",\"ipcClasses\":[\"H01M\"],\"filingDate\":\"2017-07-21\",\"owners\":[{\"participantId\":\"OWNER\",\"sharePercent\":1e27}],\"inventors\":[{\"name\":\"X\"}]}")]
    public async Task NullEntriesOrAbsurdShares_Are400NotA500(string body)
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        await (await client.PostRawAsync("/api/patents", body.Replace("OWNER", owner.ToString()), api.NewKey())).AssertProblemAsync(400);
    }

    [Fact]
    public async Task UnknownPatent_Is404() =>
        await (await (await api.OperatorAsync()).GetAsync($"/api/patents/{NewNumber(2019)}")).AssertProblemAsync(404, "patent-not-found");
}
