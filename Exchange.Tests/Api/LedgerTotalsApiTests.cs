using System.Net;
using System.Text.Json;
using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>
/// The maintained totals the API shows, the operator's command that checks them against every line, and a ledger
/// command whose key the ledger recorded but whose response was never stored (the crash window the in-transaction
/// record leaves open).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerTotalsApiTests(ApiFactory api)
{
    [Fact]
    public async Task TrialBalance_AfterTraffic_IsTheSumOfEveryLine_AsTheVerificationRecomputesIt()
    {
        var people = new List<(Guid Id, HttpClient Client)>();
        for (var i = 0; i < 4; i++)
        {
            var id = await api.RegisterAsync();
            await api.DepositAsync(id, 1_000m + i);
            people.Add((id, await api.ClientForAsync(id)));
        }
        for (var i = 0; i < 12; i++)
        {
            var (payer, payee) = (people[i % 4], people[(i + 1) % 4]);
            var mode = i % 3 == 0 ? "hold" : "immediate";
            Assert.Equal(HttpStatusCode.Created, (await payer.Client.PostCommandAsync("/api/transfers", new { payee = payee.Id.ToString(), amount = 10m + i, mode }, api.NewKey())).StatusCode);
        }

        using var op = await api.OperatorAsync();
        var trial = await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>();
        var verification = await (await op.GetAsync("/api/ledger/trial-balance/verification")).ReadAsync<TrialBalanceVerificationResponse>();
        Assert.True(verification.Agrees);
        Assert.Empty(verification.Discrepancies);
        Assert.Equal(verification.Recomputed, verification.Maintained);
        Assert.True(trial.IsBalanced);
        Assert.True(verification.Maintained.PostingCount >= trial.PostingCount);
        Assert.True(verification.Maintained.ParticipantReserved >= 10m + 13m + 16m + 19m);
    }

    [Fact]
    public async Task Verification_IsForTheOperatorAndTheRegulator_Only()
    {
        var investor = await api.RegisterAsync();
        using var client = await api.ClientForAsync(investor);
        await (await client.GetAsync("/api/ledger/trial-balance/verification")).AssertProblemAsync(403, "forbidden");
        var regulator = await api.RegisterAsync("Regulator");
        using var regulatorClient = await api.ClientForAsync(regulator);
        Assert.Equal(HttpStatusCode.OK, (await regulatorClient.GetAsync("/api/ledger/trial-balance/verification")).StatusCode);
    }

    [Fact]
    public async Task Deposit_WhoseKeyTheLedgerRecordedButWhoseResponseWasLost_IsRunAgain_ThenReplayed_AndAnotherBodyIsRefused()
    {
        var owner = await api.RegisterAsync();
        var key = api.NewKey();
        var path = $"/api/accounts/{owner}/deposits";
        var body = new { amount = 80m, memo = "crash window" };
        // What a crash after the ledger's commit and before the response was stored leaves: the money moved and the
        // key recorded with the request's hash, awaiting its response. (The same derivations as the middleware's.)
        var scope = PlatformBootstrap.OperatorId.ToString("N");
        var hash = DeterministicId.Hash($"POST {path}\n{JsonSerializer.Serialize(body, Json.Options)}");
        var postingId = $"deposit:{DeterministicId.From($"deposit/{owner:N}", scope, key):N}";
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(owner)).Deposit(postingId, Money.FromYuan(80m), "crash window",
            new Actor(PlatformBootstrap.OperatorId, "Operator"), new IdempotencyStamp(scope, key, hash));

        using var op = await api.OperatorAsync();
        await (await op.PostCommandAsync(path, new { amount = 81m, memo = "crash window" }, key)).AssertProblemAsync(422, "idempotency-key-reused");
        var rerun = await op.PostCommandAsync(path, body, key);
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        Assert.False(rerun.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(80m, (await rerun.ReadAsync<AccountResponse>()).Available);

        await api.DepositAsync(owner, 1m);
        var replay = await op.PostCommandAsync(path, body, key);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(80m, (await replay.ReadAsync<AccountResponse>()).Available);
        using var client = await api.ClientForAsync(owner);
        Assert.Equal(81m, (await (await client.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available);
    }
}
