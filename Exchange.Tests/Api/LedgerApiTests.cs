using System.Net;
using Exchange.Api.Ledger;
using Exchange.Api.Participants;
using Exchange.Grains.Audit;
using Exchange.Grains.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class LedgerApiTests(ApiFactory api)
{
    [Fact]
    public async Task OperatorOnboardsTwoParticipants_OnePaysTheOther_MoneyMovesOnceAndIsAudited()
    {
        var investor = await api.RegisterAsync("Investor");
        var agency = await api.RegisterAsync("Agency");
        await api.DepositAsync(investor, 100_000.00m);
        using var investorClient = await api.ClientForAsync(investor);
        using var agencyClient = await api.ClientForAsync(agency);

        var created = await investorClient.PostCommandAsync("/api/transfers", new { payee = agency.ToString(), amount = 12_800.50m, mode = "immediate", memo = "valuation service" }, api.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var transfer = await created.ReadAsync<TransferResponse>();
        Assert.Equal(TransferStatus.Settled, transfer.Status);
        Assert.Equal($"/api/transfers/{transfer.TransferId}", created.Headers.Location?.ToString());

        Assert.Equal(87_199.50m, (await (await investorClient.GetAsync($"/api/accounts/{investor}")).ReadAsync<AccountResponse>()).Available);
        Assert.Equal(12_800.50m, (await (await agencyClient.GetAsync($"/api/accounts/{agency}")).ReadAsync<AccountResponse>()).Available);
        Assert.Equal(transfer, await (await agencyClient.GetAsync($"/api/transfers/{transfer.TransferId}")).ReadAsync<TransferResponse>());

        using var op = await api.OperatorAsync();
        var trial = await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>();
        Assert.True(trial.IsBalanced);
        Assert.Equal(0m, trial.Total);
        var audit = await (await op.GetAsync($"/api/audit/transfer:{transfer.TransferId:N}")).ReadAsync<AuditPage>();
        // An immediate transfer is one posting, written as settled: its trail is that one step, by the payer.
        Assert.Equal(["transfer-settled"], audit.Entries.Select(e => e.Action));
        Assert.All(audit.Entries, e => Assert.Equal(investor, e.ActorId));
    }

    [Fact]
    public async Task Statement_IsPagedByCursor()
    {
        var investor = await api.RegisterAsync();
        for (var i = 1; i <= 5; i++)
        {
            await api.DepositAsync(investor, i);
        }
        using var client = await api.ClientForAsync(investor);
        var first = await (await client.GetAsync($"/api/accounts/{investor}/statement?limit=2")).ReadAsync<StatementResponse>();
        var second = await (await client.GetAsync($"/api/accounts/{investor}/statement?limit=2&after={first.NextCursor}")).ReadAsync<StatementResponse>();
        var third = await (await client.GetAsync($"/api/accounts/{investor}/statement?limit=2&after={second.NextCursor}")).ReadAsync<StatementResponse>();
        Assert.Equal([1m, 2m, 3m, 4m, 5m], first.Lines.Concat(second.Lines).Concat(third.Lines).Select(l => l.Amount));
        Assert.Null(third.NextCursor);
        await (await client.GetAsync($"/api/accounts/{investor}/statement?limit=0")).AssertProblemAsync(400, "invalid-input");
        await (await client.GetAsync($"/api/accounts/{investor}/statement?after=-1")).AssertProblemAsync(400, "invalid-input");
    }

    [Fact]
    public async Task HeldTransfer_IsSettledByThePayer_AndCannotThenBeReleased()
    {
        var payer = await api.RegisterAsync();
        var payee = await api.RegisterAsync();
        await api.DepositAsync(payer, 500m);
        using var client = await api.ClientForAsync(payer);
        var held = await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 300m, mode = "hold" }, api.NewKey())).ReadAsync<TransferResponse>();
        Assert.Equal(TransferStatus.FundsReserved, held.Status);
        Assert.Equal(300m, (await (await client.GetAsync($"/api/accounts/{payer}")).ReadAsync<AccountResponse>()).Reserved);

        var settled = await (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/settle", null, api.NewKey())).ReadAsync<TransferResponse>();
        Assert.Equal(TransferStatus.Settled, settled.Status);
        await (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/release", null, api.NewKey())).AssertProblemAsync(409, "invalid-transition");
    }

    [Fact]
    public async Task Withdrawal_BeyondAvailable_Is422_AndWithinIt_Succeeds()
    {
        var owner = await api.RegisterAsync();
        await api.DepositAsync(owner, 50m);
        using var client = await api.ClientForAsync(owner);
        await (await client.PostCommandAsync($"/api/accounts/{owner}/withdrawals", new { amount = 50.01m }, api.NewKey())).AssertProblemAsync(422, "insufficient-funds");
        var after = await (await client.PostCommandAsync($"/api/accounts/{owner}/withdrawals", new { amount = 20m, memo = "to bank" }, api.NewKey())).ReadAsync<AccountResponse>();
        Assert.Equal(30m, after.Available);
    }

    [Fact]
    public async Task UnverifiedParticipant_CannotReceiveADeposit()
    {
        var pending = await api.RegisterAsync(verify: false);
        using var op = await api.OperatorAsync();
        await (await op.PostCommandAsync($"/api/accounts/{pending}/deposits", new { amount = 10m }, api.NewKey())).AssertProblemAsync(422, "kyc-not-verified");
    }

    [Fact]
    public async Task RegisteringTheSameCreditCodeTwice_Is409()
    {
        using var op = await api.OperatorAsync();
        var body = new { legalName = "Twice Ltd.", kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = true };
        Assert.Equal(HttpStatusCode.Created, (await op.PostCommandAsync("/api/participants", body, api.NewKey())).StatusCode);
        await (await op.PostCommandAsync("/api/participants", body, api.NewKey())).AssertProblemAsync(409, "participant-already-registered");
    }

    [Fact]
    public async Task ParticipantLookup_ReturnsTheRecord_AndUnknownIs404()
    {
        var id = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(id);
        var participant = await (await client.GetAsync($"/api/participants/{id}")).ReadAsync<ParticipantResponse>();
        Assert.Equal(["Owner"], participant.Roles);
        using var op = await api.OperatorAsync();
        await (await op.GetAsync($"/api/participants/{Guid.NewGuid()}")).AssertProblemAsync(404, "participant-not-found");
    }
}
