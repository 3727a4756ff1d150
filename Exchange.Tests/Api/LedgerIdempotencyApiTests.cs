using System.Net;
using Exchange.Api.Ledger;
using Exchange.Grains.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// Every ledger command over HTTP, sent as 20 copies at once with one Idempotency-Key (issue 9): with one body all
/// copies get the first response and the money moves once, while other calls on the account are answered; with
/// different bodies exactly one is applied and every other copy is refused with 422, never a 2xx for money that
/// never moved. Ledger commits are held back a moment (<see cref="LedgerRaceApi"/>), so that the copies race past the
/// Idempotency-Key lookup and meet in the ledger.
/// </summary>
public sealed class LedgerIdempotencyApiTests(LedgerRaceApi api) : IClassFixture<LedgerRaceApi>
{
    private const int Copies = 20;

    private static async Task<decimal> AvailableAsync(HttpClient client, Guid participant) =>
        (await (await client.GetAsync($"/api/accounts/{participant}")).ReadAsync<AccountResponse>()).Available;

    /// <summary>
    /// Sends <see cref="Copies"/> copies at once, with <paramref name="meanwhile"/> (other calls on the same account)
    /// sent between the first half and the second; asserts every copy got <paramref name="expected"/> with one and the
    /// same body (the first stored, even for a copy that ran after another call changed the account), and every other
    /// call succeeded.
    /// </summary>
    private static async Task<string> AllCopiesAnsweredAlikeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, params Func<Task<HttpResponseMessage>>[] meanwhile)
    {
        var copies = Enumerable.Range(0, Copies / 2).Select(_ => send()).ToList();
        var others = meanwhile.Select(call => call()).ToArray();
        copies.AddRange(Enumerable.Range(0, Copies - Copies / 2).Select(_ => send()));
        var responses = await Task.WhenAll(copies);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses.Zip(bodies), r => Assert.True(r.First.StatusCode == expected, $"{(int)r.First.StatusCode}: {r.Second}"));
        foreach (var other in await Task.WhenAll(others))
        {
            Assert.True(other.IsSuccessStatusCode, $"{(int)other.StatusCode}: {await other.Content.ReadAsStringAsync()}");
        }
        return Assert.Single(bodies.Distinct());
    }

    /// <summary>Sends one request per body at once; asserts that exactly one was applied and every other refused with 422; returns its index.</summary>
    private static async Task<int> ExactlyOneAppliedAsync(IEnumerable<Func<Task<HttpResponseMessage>>> sends)
    {
        var responses = await Task.WhenAll(sends.Select(send => send()));
        var winner = Assert.Single(Enumerable.Range(0, responses.Length), i => responses[i].IsSuccessStatusCode);
        foreach (var refused in responses.Where((_, i) => i != winner))
        {
            await refused.AssertProblemAsync(422, "idempotency-key-reused");
        }
        return winner;
    }

    private async Task<(Guid Payer, Guid Payee, HttpClient Client)> FundedPairAsync(decimal amount)
    {
        var payer = await api.RegisterAsync();
        var payee = await api.RegisterAsync();
        await api.DepositAsync(payer, amount);
        return (payer, payee, await api.ClientForAsync(payer));
    }

    [Fact]
    public async Task Deposit_CopiesAtOnce_MoveMoneyOnce_AndOtherCallsOnTheAccountAreAnswered()
    {
        var owner = await api.RegisterAsync();
        using var op = await api.OperatorAsync();
        using var client = await api.ClientForAsync(owner);
        var key = api.NewKey();

        await AllCopiesAnsweredAlikeAsync(() => op.PostCommandAsync($"/api/accounts/{owner}/deposits", new { amount = 250m, memo = "once" }, key), HttpStatusCode.OK,
            () => client.GetAsync($"/api/accounts/{owner}"),
            () => client.GetAsync($"/api/accounts/{owner}/statement"),
            () => op.PostCommandAsync($"/api/accounts/{owner}/deposits", new { amount = 1m, memo = "another" }, api.NewKey()));

        Assert.Equal(251m, await AvailableAsync(client, owner));
    }

    [Fact]
    public async Task Deposit_OneKeyWithDifferentAmountsAtOnce_AppliesExactlyOne()
    {
        var owner = await api.RegisterAsync();
        using var op = await api.OperatorAsync();
        var key = api.NewKey();
        var winner = await ExactlyOneAppliedAsync(Enumerable.Range(1, Copies).Select(amount =>
            (Func<Task<HttpResponseMessage>>)(() => op.PostCommandAsync($"/api/accounts/{owner}/deposits", new { amount = (decimal)amount }, key))));

        using var client = await api.ClientForAsync(owner);
        Assert.Equal(winner + 1m, await AvailableAsync(client, owner));
    }

    [Fact]
    public async Task Withdrawal_CopiesAtOnce_MoveMoneyOnce_AndDifferentAmountsUnderOneKey_ApplyExactlyOne()
    {
        var owner = await api.RegisterAsync();
        await api.DepositAsync(owner, 1_000m);
        using var client = await api.ClientForAsync(owner);
        var key = api.NewKey();
        await AllCopiesAnsweredAlikeAsync(() => client.PostCommandAsync($"/api/accounts/{owner}/withdrawals", new { amount = 100m }, key), HttpStatusCode.OK,
            () => client.GetAsync($"/api/accounts/{owner}"));
        Assert.Equal(900m, await AvailableAsync(client, owner));

        var other = api.NewKey();
        var winner = await ExactlyOneAppliedAsync(Enumerable.Range(1, Copies).Select(amount =>
            (Func<Task<HttpResponseMessage>>)(() => client.PostCommandAsync($"/api/accounts/{owner}/withdrawals", new { amount = (decimal)amount }, other))));
        Assert.Equal(900m - (winner + 1), await AvailableAsync(client, owner));
    }

    [Theory]
    [InlineData("immediate")]
    [InlineData("hold")]
    public async Task Transfer_CopiesAtOnce_PayOnce_AndDifferentAmountsUnderOneKey_PayExactlyOne(string mode)
    {
        var (payer, payee, client) = await FundedPairAsync(1_000m);
        var key = api.NewKey();
        var body = await AllCopiesAnsweredAlikeAsync(() => client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 100m, mode }, key), HttpStatusCode.Created,
            () => client.GetAsync($"/api/accounts/{payer}"));
        Assert.Contains(mode == "hold" ? "\"fundsReserved\"" : "\"settled\"", body);
        Assert.Equal(900m, await AvailableAsync(client, payer));

        var other = api.NewKey();
        var winner = await ExactlyOneAppliedAsync(Enumerable.Range(1, Copies).Select(amount =>
            (Func<Task<HttpResponseMessage>>)(() => client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = (decimal)amount, mode }, other))));
        Assert.Equal(900m - (winner + 1), await AvailableAsync(client, payer));
    }

    [Theory]
    [InlineData("settle")]
    [InlineData("release")]
    public async Task SettleOrRelease_CopiesAtOnce_MoveTheHoldOnce_AndOneKeyForTwoHolds_MovesOnlyOne(string step)
    {
        var (payer, payee, client) = await FundedPairAsync(1_000m);
        async Task<Guid> HoldAsync(decimal amount) => (await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount, mode = "hold" }, api.NewKey()))
            .ReadAsync<TransferResponse>()).TransferId;
        var first = await HoldAsync(100m);
        var key = api.NewKey();
        var body = await AllCopiesAnsweredAlikeAsync(() => client.PostCommandAsync($"/api/transfers/{first}/{step}", null, key), HttpStatusCode.OK,
            () => client.GetAsync($"/api/transfers/{first}"));
        Assert.Contains(step == "settle" ? "\"settled\"" : "\"released\"", body);

        // One key sent for two different holds (two paths, so two request hashes): one moves, the other is refused.
        var (second, third) = (await HoldAsync(200m), await HoldAsync(300m));
        var other = api.NewKey();
        var winner = await ExactlyOneAppliedAsync([
            () => client.PostCommandAsync($"/api/transfers/{second}/{step}", null, other),
            () => client.PostCommandAsync($"/api/transfers/{third}/{step}", null, other)]);
        var (moved, held) = winner == 0 ? (second, third) : (third, second);
        Assert.Equal(step == "settle" ? TransferStatus.Settled : TransferStatus.Released, (await (await client.GetAsync($"/api/transfers/{moved}")).ReadAsync<TransferResponse>()).Status);
        Assert.Equal(TransferStatus.FundsReserved, (await (await client.GetAsync($"/api/transfers/{held}")).ReadAsync<TransferResponse>()).Status);
        var expected = step == "settle" ? 1_000m - 100m - 200m - 300m : 1_000m - (winner == 0 ? 300m : 200m);
        Assert.Equal(expected, await AvailableAsync(client, payer));
    }
}
