using Exchange.Api.Patents;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>What a client asks before it acts on a patent: whether a number is one, and what the next annual fee costs.</summary>
[Collection(ApiCollection.Name)]
public sealed class PatentAdviceApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task ANumberWithAWrongCheckCharacter_IsInvalid_WithTheNumberItsDigitsGive()
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Owner"));

        var check = await (await client.GetAsync("/api/application-numbers/check?number=201710601862.4")).ReadAsync<ApplicationNumberCheckResponse>();

        Assert.Equal(("201710601862.4", false, (string?)null, "201710601862.3"), (check.Number, check.Valid, check.ApplicationNumber, check.Suggestion));
        Assert.Contains("check character", check.Problem);
    }

    [Fact]
    public async Task AValidNumber_IsGivenInCanonicalForm_WithItsKind()
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Owner"));

        var check = await (await client.GetAsync("/api/application-numbers/check?number=zl201720601862.9")).ReadAsync<ApplicationNumberCheckResponse>();

        Assert.Equal((true, "201720601862.9", PatentKind.UtilityModel, (string?)null, (string?)null), (check.Valid, check.ApplicationNumber, check.Kind, check.Suggestion, check.Problem));
    }

    [Fact]
    public async Task ACheckWithoutANumber_OrWithAnOverlongOne_Is400()
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Owner"));
        await (await client.GetAsync("/api/application-numbers/check")).AssertProblemAsync(400, "invalid-input");
        await (await client.GetAsync("/api/application-numbers/check?number=" + new string('1', 41))).AssertProblemAsync(400, "invalid-input");
    }

    [Fact]
    public async Task ASmallEntitysFeeDueLate_IsReducedAndSurcharged_AsItsPaymentTakesIt()
    {
        var owner = await SmallEntityAsync();
        await api.DepositAsync(owner, 10_000m);
        using var client = await api.ClientForAsync(owner);
        // Granted two months and three days ago, on the second anniversary of filing: the year-3 fee fell due then.
        var filed = Today.AddYears(-2).AddMonths(-2).AddDays(-3);
        var number = PatentsApiTests.NewNumber(filed.Year);
        (await client.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (owner, 100m)), api.NewKey())).EnsureSuccessStatusCode();
        using var op = await api.OperatorAsync();
        (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = filed.AddYears(2) }, api.NewKey())).EnsureSuccessStatusCode();

        var fee = await (await client.GetAsync($"/api/patents/{number}/annual-fees/next")).ReadAsync<AnnualFeeDueResponse>();

        // Invention years 1–3: CNY 900; 85% off for a single qualifying owner; 5% of the full fee per whole month late.
        Assert.Equal(new AnnualFeeDueResponse(3, filed.AddYears(2), filed.AddYears(2).AddMonths(6), 900m, 765m, 2, 90m, 225m), fee);
        var before = (await (await client.GetAsync($"/api/accounts/{owner}")).ReadAsync<Exchange.Api.Ledger.AccountResponse>()).Available;
        (await client.PostCommandAsync($"/api/patents/{number}/annual-fees", new { patentYear = 3 }, api.NewKey())).EnsureSuccessStatusCode();
        var after = (await (await client.GetAsync($"/api/accounts/{owner}")).ReadAsync<Exchange.Api.Ledger.AccountResponse>()).Available;
        Assert.Equal(fee.Payable, before - after);
    }

    [Fact]
    public async Task APendingApplication_OwesNoFee_422()
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var number = PatentsApiTests.NewNumber(Today.Year - 1);
        (await client.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, Today.AddYears(-1), (owner, 100m)), api.NewKey())).EnsureSuccessStatusCode();

        await (await client.GetAsync($"/api/patents/{number}/annual-fees/next")).AssertProblemAsync(422, "annual-fee-not-due");
        await (await client.GetAsync($"/api/patents/{PatentsApiTests.NewNumber(2019)}/annual-fees/next")).AssertProblemAsync(404, "patent-not-found");
    }

    private async Task<Guid> SmallEntityAsync()
    {
        using var op = await api.OperatorAsync();
        var created = await op.PostCommandAsync("/api/participants", new { legalName = "Small workshop " + Guid.NewGuid().ToString("N")[..6], kind = "enterprise",
            creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = true }, api.NewKey());
        var id = (await created.ReadAsync<Exchange.Api.Participants.ParticipantResponse>()).ParticipantId;
        (await op.PostCommandAsync($"/api/participants/{id}/kyc", new { decision = "verify", reason = "documents checked" }, api.NewKey())).EnsureSuccessStatusCode();
        return id;
    }
}
