using System.Net;
using System.Net.Http.Json;
using Exchange.Api.Licenses;
using Exchange.Api.Participants;
using Exchange.Api.Pools;
using Exchange.Grains.Pools;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>
/// A securitization pool over HTTP (domain.md §7), on a fake business clock of its own: two simulated years. An agency
/// that owns a patent declares an open licence; a manufacturer takes it; the agency pools its royalties, investors
/// subscribe, the pool is issued, quarterly royalties arrive and are distributed, a quarter without royalties trips
/// the coverage trigger, and the last date redeems and closes the pool. Every figure is checked against the postings.
/// </summary>
public sealed class PoolJourneyTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ClockedApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _api = new ClockedApiFactory(_clock);
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await _api.DisposeAsync();
    }

    private readonly Dictionary<(Guid, DateOnly), HttpClient> _clients = [];

    /// <summary>A client signed in as the participant today: the business clock runs years, and a token lasts hours.</summary>
    private async Task<HttpClient> As(Guid participant)
    {
        if (!_clients.TryGetValue((participant, Today), out var client))
        {
            _clients[(participant, Today)] = client = await _api.ClientForAsync(participant);
        }
        return client;
    }

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<Guid> RegisterAsync(params string[] roles)
    {
        using var op = await _api.OperatorAsync();
        var response = await op.PostCommandAsync("/api/participants", new { legalName = "Participant " + Guid.NewGuid().ToString("N")[..8], kind = "enterprise", creditCode = TestCodes.NewCreditCode(), roles, isDomestic = true, isSmallEntity = true }, _api.NewKey());
        var participant = (await response.Content.ReadFromJsonAsync<ParticipantResponse>(Json.Options))!;
        (await op.PostCommandAsync($"/api/participants/{participant.ParticipantId}/kyc", new { decision = "verify", reason = "documents checked" }, _api.NewKey())).EnsureSuccessStatusCode();
        return participant.ParticipantId;
    }

    private static async Task<T> OkAsync<T>(Task<HttpResponseMessage> command)
    {
        var response = await command;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<T>();
    }

    private void AdvanceTo(DateOnly day) => PledgeSteps.AdvanceTo(_clock, day);

    [Fact]
    public async Task APoolOfLicenceRoyalties_IsStructuredSubscribedIssued_PaysEachQuarter_Accelerates_AndCloses_OverTwoYears()
    {
        var originator = await RegisterAsync("Agency", "Owner");
        var licensee = await RegisterAsync("Licensee");
        var (x, y, outsider) = (await RegisterAsync("Investor"), await RegisterAsync("Investor"), await RegisterAsync("Owner"));
        await _api.DepositAsync(licensee, 1_000_000m);
        await _api.DepositAsync(x, 200_000m);
        await _api.DepositAsync(y, 200_000m);

        // The agency's own patent, under an open licence at 3% of net sales for three years, taken by a manufacturer.
        var filed = Today.AddYears(-2);
        var number = PatentsApiTests.NewNumber(filed.Year);
        (await (await As(originator)).PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, "H01M 4/36", (originator, 100m)), _api.NewKey())).EnsureSuccessStatusCode();
        (await (await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, _api.NewKey())).EnsureSuccessStatusCode();
        (await (await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, _api.NewKey())).EnsureSuccessStatusCode();
        (await (await As(originator)).PostCommandAsync($"/api/patents/{number}/open-license", new { terms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H01M" }, termMonths = 36, upfrontFee = 0m, royaltyRatePercent = 3m, minimumAnnualRoyalty = 0m, paymentsPerYear = 4 } }, _api.NewKey())).EnsureSuccessStatusCode();
        var licence = await OkAsync<LicenseResponse>((await As(licensee)).PostCommandAsync("/api/licenses/open", new { applicationNumber = number, start = Today }, _api.NewKey()));
        var start = Today;

        // Structured: senior A CNY 200,000 at 4% in eight equal parts, subordinated C kept by the originator; eight quarterly dates.
        var dates = Enumerable.Range(1, 8).Select(q => start.AddMonths(3 * q).AddDays(7)).ToArray();
        var structure = new
        {
            name = "Cathode licence royalties 2027", subscriptionClosesOn = start.AddDays(14), distributionDates = dates,
            tranches = new object[]
            {
                new { id = "A", seniority = "senior", unitsOffered = 2_000, unitFaceValue = 100m, couponPercent = 4m, minimumLot = 100, minimumUnitsToIssue = 1_000, amortization = "equalParts" },
                new { id = "C", seniority = "subordinated", unitsOffered = 200, unitFaceValue = 100m, couponPercent = 0m, minimumLot = 200, minimumUnitsToIssue = 0, amortization = "atMaturity" },
            },
            fees = new[] { new { id = "trustee", payeeId = originator, fixedPerPeriod = 500m, annualPercentOfOutstanding = 0m } },
            reserveTarget = 5_000m, coverageTriggerMultiple = 1.2m, coverageTriggerCurable = false, missedSeniorInterestTrigger = false,
            cleanUpCallPercent = 10m, maxHolders = 200, minimumHoldingTradingDays = 5, projectedCollections = dates.Select(_ => 30_000m).ToArray(),
        };
        var created = await (await As(originator)).PostCommandAsync("/api/pools", structure, _api.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pool = await created.ReadAsync<PoolResponse>();
        Assert.Equal([PoolAction.AssignReceivable, PoolAction.Cancel], pool.Actions); // no receivable yet: it cannot open
        await (await (await As(outsider)).GetAsync($"/api/pools/{pool.PoolId}")).AssertProblemAsync(403, "forbidden");
        await (await (await As(x)).PostCommandAsync("/api/pools", structure, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await (await As(originator)).PostCommandAsync($"/api/pools/{pool.PoolId}/opening", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        await OkAsync<PoolResponse>((await As(originator)).PostCommandAsync($"/api/pools/{pool.PoolId}/receivables", new { licenseId = licence.LicenseId }, _api.NewKey()));
        var opened = await OkAsync<PoolResponse>((await As(originator)).PostCommandAsync($"/api/pools/{pool.PoolId}/opening", null, _api.NewKey()));
        Assert.Equal(PoolStatus.Subscription, opened.Status);
        Assert.Equal([PoolAction.Subscribe, PoolAction.Cancel], opened.Actions);
        var market = await (await (await As(x)).GetAsync("/api/pools?offered=true")).ReadAsync<Exchange.Api.Lists.ListPageResponse>();
        Assert.Contains(market.Items, i => i.Id == pool.PoolId.ToString("N"));
        // Offered to investors only (国发〔2011〕38号): a participant who is not one sees neither the market nor the pool.
        await (await (await As(outsider)).GetAsync("/api/pools?offered=true")).AssertProblemAsync(403, "forbidden");
        await (await (await As(outsider)).GetAsync($"/api/pools/{pool.PoolId}")).AssertProblemAsync(403, "forbidden");

        // A scenario before subscribing: royalties 30% lower still pay senior interest, and the same engine says so.
        var stressed = await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}/scenario?collectionsFactor=0.7")).ReadAsync<PoolScenarioResponse>();
        Assert.Equal(8, stressed.Periods.Count);
        Assert.All(stressed.Periods, p => Assert.Equal(p.CashCarriedIn + p.Collections + p.ReserveDraw, p.PaidOut + p.ReserveTopUp + p.RetainedCash));
        await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}/scenario?collectionsFactor=abc")).AssertProblemAsync(400, "invalid-input");

        // Subscriptions: the outsider is not an investor; lots of 100; x asks for 1,500 and y for 1,000 of the 2,000 offered.
        await (await (await As(outsider)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "A", units = 100 }, _api.NewKey())).AssertProblemAsync(403, "forbidden"); // offered to investors only
        await (await (await As(x)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "A", units = 150 }, _api.NewKey())).AssertProblemAsync(400, "invalid-subscription");
        var key = _api.NewKey();
        await OkAsync<PoolPositionResponse>((await As(x)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "A", units = 1_500 }, key));
        var replay = await (await As(x)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "A", units = 1_500 }, key);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await OkAsync<PoolPositionResponse>((await As(y)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "A", units = 1_000 }, _api.NewKey()));
        await _api.DepositAsync(originator, 20_000m);
        await OkAsync<PoolPositionResponse>((await As(originator)).PostCommandAsync($"/api/pools/{pool.PoolId}/subscriptions", new { trancheId = "C", units = 200 }, _api.NewKey()));
        Assert.Equal(50_000m, await PledgeSteps.AvailableAsync(_api, x)); // 150,000 in escrow

        AdvanceTo(start.AddDays(15));
        var issued = await OkAsync<PoolResponse>((await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).PostCommandAsync($"/api/pools/{pool.PoolId}/closing", null, _api.NewKey()));
        Assert.Equal(PoolStatus.Active, issued.Status);
        Assert.Equal([PoolAction.Distribute, PoolAction.Trade], issued.Actions);
        // 25 lots for 20: 15 × 20/25 = 12 and 10 × 20/25 = 8, exactly.
        var xHolds = await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}/position")).ReadAsync<PoolPositionResponse>();
        Assert.Equal(1_200, Assert.Single(xHolds.Holdings).Units);
        Assert.Equal(80_000m, await PledgeSteps.AvailableAsync(_api, x)); // 30,000 refunded
        Assert.Equal(220_000m, issued.PurchasePrice);
        var mine = await (await (await As(x)).GetAsync("/api/pools?as=investor")).ReadAsync<Exchange.Api.Lists.ListPageResponse>();
        Assert.Contains(mine.Items, i => i.Id == pool.PoolId.ToString("N"));

        // Eight quarters: net sales of CNY 1,000,000 pay 30,000 each, except the fourth, which pays nothing.
        var received = new Dictionary<Guid, decimal> { [x] = 0m, [y] = 0m };
        var tradedOn = default(DateOnly);
        for (var q = 0; q < 8; q++)
        {
            AdvanceTo(start.AddMonths(3 * (q + 1)).AddDays(2));
            if (q != 3)
            {
                await OkAsync<RoyaltyInvoiceResponse>((await As(licensee)).PostCommandAsync($"/api/licenses/{licence.LicenseId}/royalty-reports", new { periodIndex = q, netSales = 1_000_000m }, _api.NewKey()));
                await OkAsync<RoyaltyInvoiceResponse>((await As(licensee)).PostCommandAsync($"/api/licenses/{licence.LicenseId}/royalty-reports/{q}/payment", null, _api.NewKey()));
            }
            if (q == 1)
            {
                // x sells 200 units of A to y, delivery versus payment; y's statement shows the purchase, x's the sale.
                var offer = await OkAsync<UnitTradeResponse>((await As(x)).PostCommandAsync($"/api/pools/{pool.PoolId}/trades", new { trancheId = "A", units = 200, price = 17_600m, expiresOn = Today.AddDays(7), buyerId = y }, _api.NewKey()));
                await (await (await As(outsider)).PostCommandAsync($"/api/pools/{pool.PoolId}/trades/{offer.TradeId}/acceptance", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
                var settled = await OkAsync<UnitTradeResponse>((await As(y)).PostCommandAsync($"/api/pools/{pool.PoolId}/trades/{offer.TradeId}/acceptance", null, _api.NewKey()));
                Assert.Equal(UnitTradeStatus.Settled, settled.Status);
                tradedOn = Today;
                // This exchange does not run the continuous book (the default): an order is refused and nothing moves; bad input is a 400 first.
                await (await (await As(y)).PostCommandAsync($"/api/pools/{pool.PoolId}/orders", new { trancheId = "A", side = "buy", units = 10, limitPricePerUnit = 88m }, _api.NewKey())).AssertProblemAsync(422, "order-book-disabled");
                await (await (await As(y)).PostCommandAsync($"/api/pools/{pool.PoolId}/orders", new { trancheId = "A", side = "buy", units = 0, limitPricePerUnit = 88m }, _api.NewKey())).AssertProblemAsync(400, "invalid-input");
                await (await (await As(outsider)).GetAsync($"/api/pools/{pool.PoolId}/orders")).AssertProblemAsync(403, "forbidden");
                var book = await OkAsync<PoolOrdersResponse>((await As(y)).GetAsync($"/api/pools/{pool.PoolId}/orders"));
                Assert.Empty(book.Book);
                Assert.Empty(book.Orders);
            }
            var before = (x: await PledgeSteps.AvailableAsync(_api, x), y: await PledgeSteps.AvailableAsync(_api, y));
            AdvanceTo(dates[q]);
            var after = await OkAsync<PoolResponse>((await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).PostCommandAsync($"/api/pools/{pool.PoolId}/distributions", null, _api.NewKey()));
            received[x] += await PledgeSteps.AvailableAsync(_api, x) - before.x;
            received[y] += await PledgeSteps.AvailableAsync(_api, y) - before.y;
            // The trigger is not curable: accelerated for good from the fourth date; the last redeems and closes the pool.
            Assert.Equal(q < 3 ? PoolStatus.Active : q < 7 ? PoolStatus.Accelerated : PoolStatus.Redeemed, after.Status);
        }
        // After its royalty tail the redeemed pool winds up and closes.
        AdvanceTo(dates[7].AddDays(100));
        Assert.Equal(PoolStatus.Closed, (await OkAsync<PoolResponse>((await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).PostCommandAsync($"/api/pools/{pool.PoolId}/distributions", null, _api.NewKey()))).Status);

        var periods = (await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}/periods")).ReadAsync<PoolPeriodsResponse>()).Periods;
        Assert.Equal(8, periods.Count);
        Assert.Contains(periods[3].Triggers, t => t.TriggerId == "coverage" && t.Breached);
        Assert.Equal(PoolState.Accelerated, periods[4].WaterfallRun);
        // What x and y received is exactly what the waterfall paid tranche A, split 60:40 by units.
        var paidToA = periods.Sum(p => p.Tranches.Single(t => t.TrancheId == "A") is var a ? a.InterestPaid + a.PrincipalPaid + a.ResidualPaid : 0);
        Assert.Equal(paidToA, received[x] + received[y]);
        Assert.True(received[x] > received[y]); // x held 1,200 units for the first two dates, then both 1,000
        var closed = await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}")).ReadAsync<PoolResponse>();

        // The statement is the postings: x paid 120,000 for its units at issue, received what its account did on each date, and 17,600 for the units it sold.
        var statement = await (await (await As(x)).GetAsync($"/api/pools/{pool.PoolId}/statement")).ReadAsync<PoolStatementResponse>();
        Assert.Equal((120_000m, received[x] + 17_600m), (statement.PaidIn, statement.Received));
        Assert.Equal(10, statement.Flows.Count); // the issue, eight dates, the sale
        Assert.Contains(statement.Flows, f => f.Kind == PoolCashFlowKind.Sale && f.On == tradedOn && f.Amount == 17_600m);
        var yStatement = await (await (await As(y)).GetAsync($"/api/pools/{pool.PoolId}/statement")).ReadAsync<PoolStatementResponse>();
        Assert.Equal((80_000m + 17_600m, received[y]), (yStatement.PaidIn, yStatement.Received));
        Assert.False(statement.ValuedAtOutstanding);
        Assert.Equal(Exchange.Grains.Pools.XirrOutcome.Rate, statement.Return.Outcome);
        Assert.InRange(statement.Return.RatePercent!.Value, 0m, 4.1m); // at most the coupon: the senior tranche was repaid in full
        await (await (await As(y)).GetAsync($"/api/pools/{pool.PoolId}/statement?investor={x}")).AssertProblemAsync(403, "forbidden");
        Assert.Equal(PoolStatus.Closed, closed.Status);
        Assert.True((await (await (await As(Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId)).GetAsync("/api/ledger/trial-balance")).ReadAsync<Exchange.Api.Ledger.TrialBalanceResponse>()).IsBalanced);
    }
}
