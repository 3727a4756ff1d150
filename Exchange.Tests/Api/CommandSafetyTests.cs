using System.Net;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Idempotency keys and bad input: a repeat has no second effect, and garbage changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class CommandSafetyTests(ApiFactory api)
{
    private async Task<(Guid Payer, Guid Payee, HttpClient Client)> FundedPairAsync(decimal amount = 1_000m)
    {
        var payer = await api.RegisterAsync();
        var payee = await api.RegisterAsync();
        await api.DepositAsync(payer, amount);
        return (payer, payee, await api.ClientForAsync(payer));
    }

    private static async Task<decimal> AvailableAsync(HttpClient client, Guid participant) =>
        (await (await client.GetAsync($"/api/accounts/{participant}")).ReadAsync<AccountResponse>()).Available;

    [Fact]
    public async Task RepeatedTransfer_WithTheSameKey_ReplaysTheFirstResult_WithoutASecondEffect()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var key = api.NewKey();
        var body = new { payee = payee.ToString(), amount = 100m, mode = "immediate", memo = "once" };
        var first = await client.PostCommandAsync("/api/transfers", body, key);
        var second = await client.PostCommandAsync("/api/transfers", body, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(900m, await AvailableAsync(client, payer));
    }

    /// <summary>
    /// A ledger command is not looked up before it runs (its key's record is written with the money), so a repeat
    /// reaches the command again: one whose checks would now refuse it (the payee suspended, the money spent since)
    /// must still be answered with what it did, not refused.
    /// </summary>
    [Fact]
    public async Task RepeatsOfLedgerCommands_AreReplayed_EvenWhenTheirChecksWouldRefuseThemNow()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var paid = new { payee = payee.ToString(), amount = 100m, mode = "immediate" };
        var held = new { payee = payee.ToString(), amount = 50m, mode = "hold" };
        var withdrawal = new { amount = 850m };
        var (paidKey, heldKey, settleKey, withdrawKey) = (api.NewKey(), api.NewKey(), api.NewKey(), api.NewKey());
        var firstPaid = await (await client.PostCommandAsync("/api/transfers", paid, paidKey)).Content.ReadAsStringAsync();
        var heldResponse = await client.PostCommandAsync("/api/transfers", held, heldKey);
        var heldId = System.Text.Json.JsonDocument.Parse(await heldResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("transferId").GetString();
        var firstSettle = await (await client.PostCommandAsync($"/api/transfers/{heldId}/settle", new { }, settleKey)).Content.ReadAsStringAsync();
        var firstWithdrawal = await client.PostCommandAsync($"/api/accounts/{payer}/withdrawals", withdrawal, withdrawKey);
        Assert.Equal(HttpStatusCode.OK, firstWithdrawal.StatusCode);
        using (var op = await api.OperatorAsync())
        {
            Assert.True((await op.PostCommandAsync($"/api/participants/{payee}/kyc", new { decision = "suspend", reason = "test" }, api.NewKey())).IsSuccessStatusCode);
        }

        var repeatedPaid = await client.PostCommandAsync("/api/transfers", paid, paidKey);
        var repeatedSettle = await client.PostCommandAsync($"/api/transfers/{heldId}/settle", new { }, settleKey);
        var repeatedWithdrawal = await client.PostCommandAsync($"/api/accounts/{payer}/withdrawals", withdrawal, withdrawKey);

        Assert.Equal(HttpStatusCode.Created, repeatedPaid.StatusCode);
        Assert.Equal(firstPaid, await repeatedPaid.Content.ReadAsStringAsync());
        Assert.Equal(firstSettle, await repeatedSettle.Content.ReadAsStringAsync());
        Assert.Equal(await firstWithdrawal.Content.ReadAsStringAsync(), await repeatedWithdrawal.Content.ReadAsStringAsync());
        Assert.All([repeatedPaid, repeatedSettle, repeatedWithdrawal], r => Assert.True(r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(0m, await AvailableAsync(client, payer));
        // A new transfer to the suspended payee is refused: only repeats are answered.
        await (await client.PostCommandAsync("/api/transfers", paid, api.NewKey())).AssertProblemAsync(422, "kyc-not-verified");
    }

    /// <summary>
    /// A key used to settle a held transfer, sent again to release it: the release is refused by the transfer (it is
    /// settled), and the key's record says why in the words that matter: the key belongs to another request.
    /// </summary>
    [Fact]
    public async Task AKeyOfOneLedgerCommand_ReusedForAnotherOnTheSameTransfer_Is422KeyReused_AndMovesNothing()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var held = await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 40m, mode = "hold" }, api.NewKey())).ReadAsync<TransferResponse>();
        var key = api.NewKey();
        Assert.Equal(HttpStatusCode.OK, (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/settle", new { }, key)).StatusCode);

        await (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/release", new { }, key)).AssertProblemAsync(422, "idempotency-key-reused");
        // Without a key record to consult, the refusal is the transfer's own.
        await (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/release", new { }, api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        Assert.Equal(960m, await AvailableAsync(client, payer));
    }

    [Fact]
    public async Task ConcurrentRepeats_OfOneCommand_MoveMoneyOnce()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var key = api.NewKey();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 250m, mode = "immediate" }, key)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Content.ReadAsStringAsync().Result).Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("transferId").GetString()).Distinct());
        Assert.Equal(750m, await AvailableAsync(client, payer));
    }

    [Fact]
    public async Task SameKey_WithADifferentBody_Is422_AndChangesNothing()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var key = api.NewKey();
        await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 100m, mode = "immediate" }, key);
        await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 999m, mode = "immediate" }, key)).AssertProblemAsync(422, "idempotency-key-reused");
        Assert.Equal(900m, await AvailableAsync(client, payer));
    }

    [Fact]
    public async Task CommandWithoutAKey_Is400()
    {
        var (_, payee, client) = await FundedPairAsync();
        var problem = await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 1m, mode = "immediate" }, null)).AssertProblemAsync(400, "idempotency-key-missing");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    public static TheoryData<string, string> BadTransferBodies => new()
    {
        { "malformed JSON", "{\"payee\": \"PAYEE\", \"mode\": \"immediate\", \"amount\": 1" },
        { "unknown field", "{\"payee\": \"PAYEE\", \"amount\": 1, \"mode\": \"immediate\", \"bonus\": 5}" },
        { "negative amount", "{\"payee\": \"PAYEE\", \"amount\": -5, \"mode\": \"immediate\"}" },
        { "zero amount", "{\"payee\": \"PAYEE\", \"amount\": 0, \"mode\": \"immediate\"}" },
        { "three decimals", "{\"payee\": \"PAYEE\", \"amount\": 1.005, \"mode\": \"immediate\"}" },
        { "absurd amount", "{\"payee\": \"PAYEE\", \"amount\": 1e27, \"mode\": \"immediate\"}" },
        { "amount beyond decimal", "{\"payee\": \"PAYEE\", \"amount\": 1e40, \"mode\": \"immediate\"}" },
        { "amount as string", "{\"payee\": \"PAYEE\", \"amount\": \"lots\", \"mode\": \"immediate\"}" },
        { "amount as a number in a string", "{\"payee\": \"PAYEE\", \"amount\": \"10\", \"mode\": \"immediate\"}" },
        { "missing amount", "{\"payee\": \"PAYEE\", \"mode\": \"immediate\"}" },
        { "missing mode", "{\"payee\": \"PAYEE\", \"amount\": 1}" },
        { "null payee", "{\"payee\": null, \"amount\": 1, \"mode\": \"immediate\"}" },
        { "payee not an id", "{\"payee\": \"bob\", \"amount\": 1, \"mode\": \"immediate\"}" },
        { "unknown mode", "{\"payee\": \"PAYEE\", \"amount\": 1, \"mode\": \"teleport\"}" },
        { "mode as number", "{\"payee\": \"PAYEE\", \"amount\": 1, \"mode\": 1}" },
        { "overlong memo", "{\"payee\": \"PAYEE\", \"amount\": 1, \"mode\": \"immediate\", \"memo\": \"" + new string('x', 201) + "\"}" },
        { "empty body", "" },
        { "array body", "[]" },
    };

    [Theory]
    [MemberData(nameof(BadTransferBodies))]
    public async Task BadTransferInput_Is400ProblemDetails_AndMovesNothing(string why, string body)
    {
        var (payer, payee, client) = await FundedPairAsync();
        var response = await client.PostRawAsync("/api/transfers", body.Replace("PAYEE", payee.ToString()), api.NewKey());
        var problem = await response.AssertProblemAsync(400);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), why);
        problem.AssertReadable();
        Assert.Equal(1_000m, await AvailableAsync(client, payer));
    }

    [Fact]
    public async Task PayingYourself_Is422()
    {
        var (payer, _, client) = await FundedPairAsync();
        await (await client.PostCommandAsync("/api/transfers", new { payee = payer.ToString(), amount = 1m, mode = "immediate" }, api.NewKey())).AssertProblemAsync(422, "same-account");
    }

    [Fact]
    public async Task OverlongRegistrationFields_Are400WithTheFieldNamed()
    {
        using var op = await api.OperatorAsync();
        var problem = await (await op.PostCommandAsync("/api/participants", new { legalName = new string('n', 201), kind = "enterprise", creditCode = "x", roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = false }, api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        Assert.True(problem.GetProperty("errors").TryGetProperty("legalName", out _));
        problem = await (await op.PostCommandAsync("/api/participants", new { legalName = "Fine", kind = "enterprise", creditCode = "91350100M000100Y44", roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = false }, api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        Assert.Contains("check character", problem.GetProperty("detail").GetString());
        await (await op.PostCommandAsync("/api/participants", new { legalName = "Fine", kind = "enterprise", creditCode = "91350100M000100Y43", roles = new[] { "Wizard" }, isDomestic = true, isSmallEntity = false }, api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
    }

    [Fact]
    public async Task ControlCharactersInNames_Are400_AndRoleNamesAreCaseInsensitiveButNeverNumbers()
    {
        using var op = await api.OperatorAsync();
        var problem = await (await op.PostCommandAsync("/api/participants", new { legalName = "Bad\u0000Name", kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = false }, api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        Assert.Contains("control character", problem.GetProperty("errors").GetProperty("legalName")[0].GetString());
        var lower = await op.PostCommandAsync("/api/participants", new { legalName = "Lower Case Roles Ltd", kind = "Enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "owner", "AGENCY" }, isDomestic = true, isSmallEntity = false }, api.NewKey());
        Assert.Equal(System.Net.HttpStatusCode.Created, lower.StatusCode);
        await (await op.PostCommandAsync("/api/participants", new { legalName = "Numeric Role Ltd", kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "4" }, isDomestic = true, isSmallEntity = false }, api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
    }

    [Fact]
    public async Task OversizedBody_IsRefusedWithout500()
    {
        var (_, payee, client) = await FundedPairAsync();
        var response = await client.PostRawAsync("/api/transfers", "{\"payee\":\"" + payee + "\",\"amount\":1,\"mode\":\"immediate\",\"memo\":\"" + new string('x', 100_000) + "\"}", api.NewKey());
        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
