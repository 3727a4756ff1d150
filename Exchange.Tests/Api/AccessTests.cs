using System.Net;
using System.Net.Http.Headers;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>Every request is authenticated, and every object is checked: acting on another's gets 403.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiFactory api) : IAsyncLifetime
{
    private Guid _owner;
    private Guid _stranger;
    private Guid _transferId;
    private string _patent = "";
    private Guid _listing;
    private Guid _offer;
    private Guid _patentTransfer;
    private Guid _license;

    public async Task InitializeAsync()
    {
        _owner = await api.RegisterAsync("Owner");
        var payee = await api.RegisterAsync("Agency");
        _stranger = await api.RegisterAsync("Investor");
        await api.DepositAsync(_owner, 100m);
        await api.DepositAsync(_stranger, 100m);
        using var owner = await api.ClientForAsync(_owner);
        _transferId = (await (await owner.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 10m, mode = "hold" }, api.NewKey())).ReadAsync<TransferResponse>()).TransferId;
        _patent = PatentsApiTests.NewNumber(2022);
        var registered = await owner.PostCommandAsync("/api/patents", PatentsApiTests.Registration(_patent, new DateOnly(2022, 3, 1), (_owner, 100m)), api.NewKey());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var (_, _, _, listing) = await ListingsApiTests.ListedPatentAsync(api);
        _listing = listing;
        var bidder = await api.RegisterAsync("Investor");
        using var bidderClient = await api.ClientForAsync(bidder);
        _offer = (await (await bidderClient.PostCommandAsync($"/api/listings/{listing}/offers", new { kind = "purchase", price = 5m, expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5) }, api.NewKey()))
            .ReadAsync<Exchange.Api.Listings.OfferResponse>()).OfferId;
        (_, _, _, _patentTransfer) = await PatentTransfersApiTests.SoldPatentAsync(api, 100m);

        var (_, agency, _, licensing) = await ListingsApiTests.ListedPatentAsync(api);
        var licensee = await api.RegisterAsync("Licensee");
        await api.DepositAsync(licensee, 100_000m); // the upfront fee
        using var licenseeClient = await api.ClientForAsync(licensee);
        using var agencyClient = await api.ClientForAsync(agency);
        var offerId = (await (await licenseeClient.PostCommandAsync($"/api/listings/{licensing}/offers",
            new { kind = "license", licenseTerms = ListingsApiTests.OrdinaryTerms, expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5) }, api.NewKey()))
            .ReadAsync<Exchange.Api.Listings.OfferResponse>()).OfferId;
        (await agencyClient.PostCommandAsync($"/api/listings/{licensing}/offers/{offerId}/accept", null, api.NewKey())).EnsureSuccessStatusCode();
        _license = (await (await licenseeClient.PostCommandAsync("/api/licenses", new { listingId = licensing, offerId, start = DateOnly.FromDateTime(DateTime.UtcNow) }, api.NewKey()))
            .ReadAsync<Exchange.Api.Licenses.LicenseResponse>()).LicenseId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every endpoint that names an object, called by a verified participant that is neither its owner nor staff.</summary>
    public static TheoryData<string, string> ForeignObjectCalls => new()
    {
        { "GET", "/api/participants/{owner}" },
        { "POST", "/api/participants" },
        { "POST", "/api/participants/{owner}/kyc" },
        { "POST", "/api/participants/{owner}/remuneration-policy" },
        { "GET", "/api/accounts/{owner}" },
        { "GET", "/api/accounts/{owner}/statement" },
        { "POST", "/api/accounts/{owner}/deposits" },
        { "POST", "/api/accounts/{owner}/withdrawals" },
        { "GET", "/api/transfers/{transfer}" },
        { "POST", "/api/transfers/{transfer}/settle" },
        { "POST", "/api/transfers/{transfer}/release" },
        { "GET", "/api/ledger/trial-balance" },
        { "GET", "/api/audit/participant:{ownerN}" },
        { "GET", "/api/audit/patent:{patent}" },
        { "GET", "/api/audit/license:{licenseN}" },
        { "GET", "/api/audit/transfer:{transferN}" },
        { "GET", "/api/audit/account:participant:{ownerN}" },
        { "POST", "/api/patents" },
        { "POST", "/api/patents/{patent}/grant" },
        { "POST", "/api/patents/{patent}/annual-fees" },
        { "POST", "/api/patents/{patent}/restoration" },
        { "POST", "/api/patents/{patent}/mandates" },
        { "POST", "/api/patents/{patent}/invalidation" },
        { "POST", "/api/listings" },
        { "POST", "/api/listings/{listing}/withdraw" },
        { "POST", "/api/listings/{listing}/offers/{offer}/counter" },
        { "POST", "/api/listings/{listing}/offers/{offer}/accept" },
        { "POST", "/api/listings/{listing}/offers/{offer}/reject" },
        { "POST", "/api/listings/{listing}/offers/{offer}/withdraw" },
        { "GET", "/api/patent-transfers/{ptransfer}" },
        { "POST", "/api/patent-transfers/{ptransfer}/consent" },
        { "POST", "/api/patent-transfers/{ptransfer}/export-approval" },
        { "POST", "/api/patent-transfers/{ptransfer}/escrow" },
        { "POST", "/api/patent-transfers/{ptransfer}/record" },
        { "POST", "/api/patent-transfers/{ptransfer}/cancel" },
        { "POST", "/api/patents/{patent}/open-license" },
        { "POST", "/api/patents/{patent}/open-license/withdraw" },
        { "GET", "/api/licenses/{license}" },
        { "POST", "/api/licenses/{license}/consent" },
        { "POST", "/api/licenses/{license}/terminate" },
        { "POST", "/api/licenses/{license}/royalty-reports" },
        { "POST", "/api/licenses/{license}/royalty-reports/0/payment" },
        { "POST", "/api/licenses/{license}/filing" },
        { "GET", "/api/licenses/filings/overdue" },
    };

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["/api/participants"] = "{\"legalName\":\"X\",\"kind\":\"enterprise\",\"creditCode\":\"91350100M000100Y43\",\"roles\":[\"Owner\"],\"isDomestic\":true,\"isSmallEntity\":false}",
        ["/kyc"] = "{\"decision\":\"suspend\",\"reason\":\"hostile\"}",
        ["/remuneration-policy"] = "{\"basis\":\"legacy\"}",
        ["/deposits"] = "{\"amount\":5}",
        ["/api/patents"] = "{\"applicationNumber\":\"201710601862.3\",\"title\":\"Not mine\",\"ipcClasses\":[\"H01M\"],\"filingDate\":\"2017-07-21\",\"owners\":[{\"participantId\":\"OWNER\",\"sharePercent\":100}],\"inventors\":[{\"name\":\"X\",\"isServiceInvention\":false}]}",
        ["/grant"] = "{\"grantDate\":\"2024-01-02\"}",
        ["/annual-fees"] = "{\"patentYear\":3}",
        ["/mandates"] = "{\"agencyId\":\"OWNER\",\"validUntil\":\"2030-01-01\"}",
        ["/api/listings"] = "{\"applicationNumbers\":[\"201710601862.3\"],\"expiresOn\":\"2030-01-01\",\"salePrice\":5}",
        ["/counter"] = "{\"price\":7}",
        ["/export-approval"] = "{\"reference\":\"X-1\"}",
        ["/record"] = "{\"registrationReference\":\"R-1\"}",
        ["/invalidation"] = "{\"decisionReference\":\"D-1\"}",
        ["/open-license"] = "{\"terms\":{\"type\":\"ordinary\",\"territories\":[\"CN\"],\"fields\":[\"H01M\"],\"termMonths\":12,\"upfrontFee\":1,\"royaltyRatePercent\":1,\"minimumAnnualRoyalty\":0}}",
        ["/royalty-reports"] = "{\"periodIndex\":0,\"netSales\":1}",
        ["/filing"] = "{\"filingReference\":\"F-1\"}",
        ["/withdrawals"] = "{\"amount\":5}",
    };

    [Theory]
    [MemberData(nameof(ForeignObjectCalls))]
    public async Task StrangerActingOnAnotherParticipantsObject_Gets403_AndNothingChanges(string method, string template)
    {
        var path = template.Replace("{owner}", _owner.ToString()).Replace("{ownerN}", _owner.ToString("N")).Replace("{transferN}", _transferId.ToString("N")).Replace("{licenseN}", _license.ToString("N")).Replace("{transfer}", _transferId.ToString()).Replace("{patent}", _patent)
            .Replace("{listing}", _listing.ToString()).Replace("{offer}", _offer.ToString())
            .Replace("{ptransfer}", _patentTransfer.ToString()).Replace("{license}", _license.ToString());
        using var stranger = await api.ClientForAsync(_stranger);
        var body = (Bodies.FirstOrDefault(b => path.EndsWith(b.Key, StringComparison.Ordinal)).Value ?? "").Replace("OWNER", _owner.ToString());
        var response = method == "GET" ? await stranger.GetAsync(path) : await stranger.PostRawAsync(path, body, api.NewKey());
        await response.AssertProblemAsync(403, "forbidden");

        using var owner = await api.ClientForAsync(_owner);
        var account = await (await owner.GetAsync($"/api/accounts/{_owner}")).ReadAsync<AccountResponse>();
        Assert.Equal((90m, 10m), (account.Available, account.Reserved));
    }

    [Fact]
    public async Task PayeeMaySeeButNotSettleATransfer()
    {
        using var owner = await api.ClientForAsync(_owner);
        var transfer = await (await owner.GetAsync($"/api/transfers/{_transferId}")).ReadAsync<TransferResponse>();
        var payeeId = Guid.ParseExact(transfer.PayeeAccount["participant:".Length..], "N");
        using var payee = await api.ClientForAsync(payeeId);
        Assert.Equal(HttpStatusCode.OK, (await payee.GetAsync($"/api/transfers/{_transferId}")).StatusCode);
        await (await payee.PostCommandAsync($"/api/transfers/{_transferId}/settle", null, api.NewKey())).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task NoToken_Is401()
    {
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/accounts/{_owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostCommandAsync("/api/transfers", new { payee = _owner.ToString(), amount = 1m, mode = "immediate" }, api.NewKey())).StatusCode);
    }

    [Fact]
    public async Task ForgedToken_Is401()
    {
        using var forged = api.CreateClient();
        var header = Convert.ToBase64String("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=');
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"sub\":\"{_owner}\",\"roles\":\"Operator\",\"iss\":\"ip-exchange-dev\",\"aud\":\"ip-exchange\",\"exp\":4102444800}}")).TrimEnd('=');
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{header}.{payload}.c2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/ledger/trial-balance")).StatusCode);
    }

    [Fact]
    public async Task DevToken_ForAnUnknownParticipant_Is404()
    {
        using var anonymous = api.CreateClient();
        await (await anonymous.PostCommandAsync("/dev/tokens", new { participantId = Guid.NewGuid() }, null)).AssertProblemAsync(404, "participant-not-found");
    }

    [Fact]
    public async Task Regulator_MayReadTheTrialBalance_ButNotRecordDeposits()
    {
        var regulator = await api.RegisterAsync("Regulator");
        using var client = await api.ClientForAsync(regulator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/ledger/trial-balance")).StatusCode);
        await (await client.PostCommandAsync($"/api/accounts/{_owner}/deposits", new { amount = 1m }, api.NewKey())).AssertProblemAsync(403, "forbidden");
    }
}
