using System.Net;
using Exchange.Api.Ledger;
using Exchange.Api.Licenses;
using Exchange.Api.Listings;
using Exchange.Grains.Licenses;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>The licensing journey over HTTP, a year of royalties on a fake business clock of its own.</summary>
public sealed class LicenseJourneyTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private ClockedApiFactory _api = null!;


    public async Task InitializeAsync()
    {
        _api = new ClockedApiFactory(_clock);
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task TokenPastItsLifetimeOnTheBusinessClock_Is401()
    {
        using var client = await _api.OperatorAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/ledger/trial-balance")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(9)); // development tokens live eight hours
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/ledger/trial-balance")).StatusCode);
    }

    [Fact]
    public async Task AgencyListsForLicence_OfferAccepted_LicenceExecuted_FourQuarterlyReportsPaid_OwnersAndInventorsPaidExactly()
    {
        var owner = await _api.RegisterAsync("Owner");
        var inventor = await _api.RegisterAsync("Owner");
        var agency = await _api.RegisterAsync("Agency");
        var licensee = await _api.RegisterAsync("Licensee");
        await _api.DepositAsync(licensee, 1_000_000m);

        var filed = Today.AddYears(-2);
        var number = PatentsApiTests.NewNumber(filed.Year);
        using (var ownerClient = await _api.ClientForAsync(owner))
        {
            var registration = new
            {
                applicationNumber = number, title = "Solid-state battery separator", ipcClasses = new[] { "H01M 50/40" }, filingDate = filed,
                owners = new[] { new { participantId = owner, sharePercent = 100m } },
                inventors = new[] { new { name = "Sun Li", isServiceInvention = true, employerParticipantId = owner, participantId = inventor } },
            };
            Assert.Equal(HttpStatusCode.Created, (await ownerClient.PostCommandAsync("/api/patents", registration, _api.NewKey())).StatusCode);
            using var op = await _api.OperatorAsync();
            (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, _api.NewKey())).EnsureSuccessStatusCode();
            (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, _api.NewKey())).EnsureSuccessStatusCode();
            (await ownerClient.PostCommandAsync($"/api/patents/{number}/mandates", new { agencyId = agency, validUntil = Today.AddYears(1) }, _api.NewKey())).EnsureSuccessStatusCode();
        }

        var terms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H01M" }, termMonths = 24, upfrontFee = 0m, royaltyRatePercent = 4m, minimumAnnualRoyalty = 20_000m };
        Guid listingId, offerId;
        using (var agencyClient = await _api.ClientForAsync(agency))
        using (var licenseeClient = await _api.ClientForAsync(licensee))
        {
            listingId = (await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(3), licenseTerms = terms }, _api.NewKey()))
                .ReadAsync<ListingResponse>()).ListingId;
            offerId = (await (await licenseeClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "license", licenseTerms = terms, expiresOn = Today.AddDays(10) }, _api.NewKey()))
                .ReadAsync<OfferResponse>()).OfferId;
            (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offerId}/accept", null, _api.NewKey())).EnsureSuccessStatusCode();
        }

        Guid licenseId;
        using (var licenseeClient = await _api.ClientForAsync(licensee))
        {
            var created = await licenseeClient.PostCommandAsync("/api/licenses", new { listingId, offerId, start = Today }, _api.NewKey());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var licence = await created.ReadAsync<LicenseResponse>();
            Assert.Equal(LicenseStatus.Active, licence.Status);
            licenseId = licence.LicenseId;
        }

        decimal[] netSales = [200_000m, 50_000m, 1_000_000.10m, 0m];
        decimal[] royalties = [8_000m, 5_000m, 40_000m, 5_000m]; // 4% of net sales, or the quarter's CNY 5,000 share of the minimum; 40,000.004 → 40,000.00
        for (var q = 0; q < 4; q++)
        {
            _clock.Advance(TimeSpan.FromDays(92));
            using var licenseeClient = await _api.ClientForAsync(licensee);
            var invoice = await (await licenseeClient.PostCommandAsync($"/api/licenses/{licenseId}/royalty-reports", new { periodIndex = q, netSales = netSales[q] }, _api.NewKey()))
                .ReadAsync<RoyaltyInvoiceResponse>();
            Assert.Equal(royalties[q], invoice.Royalty);
            var payKey = _api.NewKey();
            var paid = await (await licenseeClient.PostCommandAsync($"/api/licenses/{licenseId}/royalty-reports/{q}/payment", null, payKey)).ReadAsync<RoyaltyInvoiceResponse>();
            await licenseeClient.PostCommandAsync($"/api/licenses/{licenseId}/royalty-reports/{q}/payment", null, payKey);
            Assert.Equal(Today, paid.PaidOn);
        }

        var total = royalties.Sum();
        using var ownerView = await _api.ClientForAsync(owner);
        using var inventorView = await _api.ClientForAsync(inventor);
        using var licenseeView = await _api.ClientForAsync(licensee);
        Assert.Equal(total / 2, (await (await ownerView.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available);
        Assert.Equal(total / 2, (await (await inventorView.GetAsync($"/api/accounts/{inventor}")).ReadAsync<AccountResponse>()).Available);
        Assert.Equal(1_000_000m - total, (await (await licenseeView.GetAsync($"/api/accounts/{licensee}")).ReadAsync<AccountResponse>()).Available);
        using var opView = await _api.OperatorAsync();
        var trial = await (await opView.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>();
        Assert.True(trial.IsBalanced);
        Assert.Equal(0m, trial.PlatformEscrow); // every royalty passed through escrow and out again
        await (await ownerView.GetAsync($"/api/licenses/{Guid.NewGuid()}")).AssertProblemAsync(404, "license-not-found");
        using var stranger = await _api.ClientForAsync(await _api.RegisterAsync("Investor"));
        await (await stranger.GetAsync($"/api/licenses/{licenseId}")).AssertProblemAsync(403, "forbidden");
        await (await stranger.PostCommandAsync($"/api/licenses/{licenseId}/royalty-reports", new { periodIndex = 4, netSales = 1m }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await stranger.PostCommandAsync($"/api/licenses/{licenseId}/royalty-reports/0/payment", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await stranger.PostCommandAsync($"/api/licenses/{licenseId}/consent", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await stranger.PostCommandAsync($"/api/licenses/{licenseId}/terminate", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await stranger.PostCommandAsync("/api/licenses", new { listingId, offerId, start = Today }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
    }
}
