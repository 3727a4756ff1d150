using System.Net;
using Exchange.Api.Patents;
using Exchange.Grains.Audit;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// A registration proves nothing by itself: an owner's registration is traded only once the patent office's record
/// (the operator) and every owner it names have confirmed it, and the operator corrects a wrong one, audited.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PatentRegistrationApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private object Listing(string number) => new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(2), salePrice = 500_000m };

    [Fact]
    public async Task CoOwnedRegistration_IsNotListable_UntilTheOfficeRecordAndEveryCoOwnerConfirm()
    {
        var owner = await api.RegisterAsync("Owner");
        var coOwner = await api.RegisterAsync("Owner");
        var agency = await api.RegisterAsync("Agency");
        using var ownerClient = await api.ClientForAsync(owner);
        using var coOwnerClient = await api.ClientForAsync(coOwner);
        using var agencyClient = await api.ClientForAsync(agency);
        using var op = await api.OperatorAsync();
        var filed = Today.AddYears(-2);
        var number = PatentsApiTests.NewNumber(filed.Year);
        var registered = await (await ownerClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (owner, 60m), (coOwner, 40m)), api.NewKey())).ReadAsync<PatentResponse>();
        Assert.False(registered.Tradable);
        Assert.Equal([owner], registered.OwnershipConfirmedBy);
        (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, api.NewKey())).EnsureSuccessStatusCode();
        foreach (var client in new[] { ownerClient, coOwnerClient })
        {
            (await client.PostCommandAsync($"/api/patents/{number}/mandates", new { agencyId = agency, validUntil = Today.AddYears(1) }, api.NewKey())).EnsureSuccessStatusCode();
        }

        var unconfirmed = await (await agencyClient.PostCommandAsync("/api/listings", Listing(number), api.NewKey())).AssertProblemAsync(422, "patent-registration-unconfirmed");
        Assert.Contains("office", unconfirmed.GetProperty("detail").GetString());
        await (await ownerClient.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-REC-1" }, api.NewKey())).AssertProblemAsync(403, "forbidden");
        (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-REC-1" }, api.NewKey())).EnsureSuccessStatusCode();
        var waiting = await (await agencyClient.PostCommandAsync("/api/listings", Listing(number), api.NewKey())).AssertProblemAsync(422, "patent-registration-unconfirmed");
        Assert.Contains(coOwner.ToString(), waiting.GetProperty("detail").GetString());

        var confirmed = await (await coOwnerClient.PostCommandAsync($"/api/patents/{number}/ownership-confirmation", null, api.NewKey())).ReadAsync<PatentResponse>();
        Assert.True(confirmed.Tradable);
        Assert.Equal(HttpStatusCode.Created, (await agencyClient.PostCommandAsync("/api/listings", Listing(number), api.NewKey())).StatusCode);
    }

    [Fact]
    public async Task NumberRegisteredBySomeoneElse_IsCorrectedByTheOperator_AndTheCorrectionIsAudited()
    {
        var squatter = await api.RegisterAsync("Pledgee");
        var realOwner = await api.RegisterAsync("Owner");
        using var squatterClient = await api.ClientForAsync(squatter);
        using var realOwnerClient = await api.ClientForAsync(realOwner);
        using var op = await api.OperatorAsync();
        var filed = Today.AddYears(-3);
        var number = PatentsApiTests.NewNumber(filed.Year);
        (await squatterClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (squatter, 100m)), api.NewKey())).EnsureSuccessStatusCode();
        var taken = await (await realOwnerClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (realOwner, 100m)), api.NewKey()))
            .AssertProblemAsync(409, "patent-already-registered");
        Assert.Contains("operator corrects", taken.GetProperty("detail").GetString());

        var corrected = await (await op.PostCommandAsync($"/api/patents/{number}/correction",
            new { registration = PatentsApiTests.Registration(number, filed, (realOwner, 100m)), reason = "CNIPA record 2026-1234 names another owner" }, api.NewKey())).ReadAsync<PatentResponse>();

        Assert.Equal(realOwner, Assert.Single(corrected.Owners).ParticipantId);
        Assert.True(corrected.Tradable);
        await (await squatterClient.PostCommandAsync($"/api/patents/{number}/ownership-confirmation", null, api.NewKey())).AssertProblemAsync(403, "forbidden");
        var trail = await (await op.GetAsync($"/api/audit/patent:{number}")).ReadAsync<AuditPage>();
        var correction = Assert.Single(trail.Entries, e => e.Action == "registration-corrected");
        Assert.Contains("CNIPA record 2026-1234", correction.Details);
        await (await squatterClient.PostCommandAsync($"/api/patents/{number}/correction",
            new { registration = PatentsApiTests.Registration(number, filed, (squatter, 100m)), reason = "mine" }, api.NewKey())).AssertProblemAsync(403, "forbidden");
    }
}
