using System.Net;
using Exchange.Api.Lists;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>"Who am I" and the lists of one's own things: each filtered to what the caller may see, paged newest first.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListsApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Me_IsTheCallersParticipant_Roles_AndAccount()
    {
        var me = await api.RegisterAsync("Licensee");
        await api.DepositAsync(me, 12.34m);
        using var client = await api.ClientForAsync(me);

        var answer = await (await client.GetAsync("/api/me")).ReadAsync<MeResponse>();

        Assert.Equal(me, answer.Participant.ParticipantId);
        Assert.Equal(["Licensee"], answer.Participant.Roles);
        Assert.Equal(12.34m, answer.Account.Available);
        Assert.Equal("/api/licenses", answer.Lists["licenses"]);
    }

    [Fact]
    public async Task SoldPatent_LeavesTheSellersList_JoinsTheBuyers_AndTheTransferIsInBoth()
    {
        var (owner, buyer, number, transferId) = await PatentTransfersApiTests.SoldPatentAsync(api, 10m);
        using var ownerClient = await api.ClientForAsync(owner);
        using var buyerClient = await api.ClientForAsync(buyer);
        Assert.Contains(await ListAsync(ownerClient, "/api/patents?as=owner"), i => i.Id == number);

        await SettleAsync(transferId, owner, buyer);

        Assert.DoesNotContain(await ListAsync(ownerClient, "/api/patents"), i => i.Id == number);
        var bought = Assert.Single(await ListAsync(buyerClient, "/api/patents"), i => i.Id == number);
        Assert.Equal(["owner"], bought.Relations);
        Assert.Equal($"/api/patents/{number}", bought.Href);
        Assert.Equal("settled", Assert.Single(await ListAsync(buyerClient, "/api/patent-transfers?as=buyer"), i => i.Id == transferId.ToString("N")).Status);
        Assert.Contains(await ListAsync(ownerClient, "/api/patent-transfers?as=seller"), i => i.Id == transferId.ToString("N"));
        Assert.DoesNotContain(await ListAsync(ownerClient, "/api/patent-transfers?as=buyer"), i => i.Id == transferId.ToString("N"));

        // Patents are public: anyone may list the buyer's.
        using var stranger = await api.ClientForAsync(await api.RegisterAsync("Investor"));
        Assert.Contains(await ListAsync(stranger, $"/api/patents?participant={buyer}"), i => i.Id == number);
        Assert.DoesNotContain(await ListAsync(stranger, "/api/patent-transfers"), i => i.Id == transferId.ToString("N"));
    }

    [Fact]
    public async Task Licence_IsListedForItsLicensee_AndForThePatentsOwnerAsLicensor_NotForOthers()
    {
        var (owner, licensee, licenseId) = await ExecutedLicenceAsync();
        using var ownerClient = await api.ClientForAsync(owner);
        using var licenseeClient = await api.ClientForAsync(licensee);
        using var stranger = await api.ClientForAsync(await api.RegisterAsync("Licensee"));
        using var op = await api.OperatorAsync();
        var id = licenseId.ToString("N");

        Assert.Equal(["licensee"], Assert.Single(await ListAsync(licenseeClient, "/api/licenses?as=licensee"), i => i.Id == id).Relations);
        Assert.DoesNotContain(await ListAsync(licenseeClient, "/api/licenses?as=licensor"), i => i.Id == id);
        Assert.Equal(["licensor"], Assert.Single(await ListAsync(ownerClient, "/api/licenses?as=licensor"), i => i.Id == id).Relations);
        Assert.Contains(await ListAsync(ownerClient, "/api/licenses"), i => i.Id == id);
        Assert.DoesNotContain(await ListAsync(stranger, "/api/licenses"), i => i.Id == id);
        Assert.Contains(await ListAsync(op, $"/api/licenses?participant={owner}"), i => i.Id == id);
        Assert.Contains(await ListAsync(op, "/api/licenses?status=active"), i => i.Id == id);

        await (await stranger.GetAsync($"/api/licenses?participant={owner}")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Listings_AreListedForTheirAgency_AndForEveryBidder()
    {
        var (_, agency, _, listingId) = await ListingsApiTests.ListedPatentAsync(api);
        var bidder = await api.RegisterAsync("Investor");
        using var bidderClient = await api.ClientForAsync(bidder);
        using var agencyClient = await api.ClientForAsync(agency);
        var id = listingId.ToString("N");
        Assert.DoesNotContain(await ListAsync(bidderClient, "/api/me/listings"), i => i.Id == id);

        (await bidderClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 5m, expiresOn = Today.AddDays(5) }, api.NewKey())).EnsureSuccessStatusCode();

        Assert.Equal(["bidder"], Assert.Single(await ListAsync(bidderClient, "/api/me/listings?as=bidder"), i => i.Id == id).Relations);
        Assert.Contains(await ListAsync(agencyClient, "/api/me/listings?as=agency&status=open"), i => i.Id == id);
        Assert.DoesNotContain(await ListAsync(agencyClient, "/api/me/listings?as=bidder"), i => i.Id == id);
    }

    [Fact]
    public async Task Participants_TheOperatorSeesTheKycQueue_OthersSeeThemselves()
    {
        var waiting = await api.RegisterAsync("Investor", verify: false);
        var verified = await api.RegisterAsync("Investor");
        using var op = await api.OperatorAsync();
        using var self = await api.ClientForAsync(verified);

        var queue = await ListAsync(op, "/api/participants?status=pending");
        Assert.Contains(queue, i => i.Id == waiting.ToString("N"));
        Assert.DoesNotContain(queue, i => i.Id == verified.ToString("N"));
        Assert.Equal([verified.ToString("N")], (await ListAsync(self, "/api/participants")).Select(i => i.Id));
    }

    [Fact]
    public async Task Pages_CoverTheListOnce_NewestFirst()
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var number = PatentsApiTests.NewNumber(Today.Year - 1);
            Assert.Equal(HttpStatusCode.Created, (await client.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, Today.AddYears(-1), (owner, 100m)), api.NewKey())).StatusCode);
            numbers.Add(number);
        }

        var seen = new List<string>();
        long? cursor = 0;
        while (cursor is not null)
        {
            var page = await (await client.GetAsync($"/api/patents?limit=2&after={cursor}")).ReadAsync<ListPageResponse>();
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        Assert.Equal(Enumerable.Reverse(numbers), seen);
    }

    [Fact]
    public async Task RegistrationsAwaitingTheOfficeRecord_AreTheStaffsQueue_UntilTheOperatorConfirmsThem()
    {
        var owner = await api.RegisterAsync("Owner");
        using var ownerClient = await api.ClientForAsync(owner);
        using var op = await api.OperatorAsync();
        using var regulator = await api.ClientForAsync(await api.RegisterAsync("Regulator"));
        using var stranger = await api.ClientForAsync(await api.RegisterAsync("Owner"));
        var filed = Today.AddYears(-1);
        var (byOwner, byOperator) = (PatentsApiTests.NewNumber(filed.Year), PatentsApiTests.NewNumber(filed.Year));
        (await ownerClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(byOwner, filed, (owner, 100m)), api.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync("/api/patents", PatentsApiTests.Registration(byOperator, filed, (owner, 100m)), api.NewKey())).EnsureSuccessStatusCode();
        const string Queue = "/api/patents?registration=awaitingConfirmation&limit=500";

        var queued = await ListAsync(op, Queue);
        Assert.Contains(queued, i => i.Id == byOwner);
        // Recorded by the operator, a registration is the office's record already.
        Assert.DoesNotContain(queued, i => i.Id == byOperator);
        Assert.Contains(await ListAsync(regulator, Queue), i => i.Id == byOwner);
        Assert.Equal([byOwner], (await ListAsync(ownerClient, Queue)).Select(i => i.Id));
        Assert.DoesNotContain(await ListAsync(stranger, Queue), i => i.Id == byOwner);
        Assert.Contains(await ListAsync(ownerClient, "/api/patents"), i => i.Id == byOperator);

        (await op.PostCommandAsync($"/api/patents/{byOwner}/registration-confirmation", new { officeRecord = "CNIPA-QUEUE-1" }, api.NewKey())).EnsureSuccessStatusCode();

        Assert.DoesNotContain(await ListAsync(op, Queue), i => i.Id == byOwner);
        Assert.Empty(await ListAsync(ownerClient, Queue));
        Assert.Contains(await ListAsync(ownerClient, "/api/patents"), i => i.Id == byOwner);
    }

    [Theory]
    [InlineData("/api/patents?registration=confirmed", "registration")]
    [InlineData("/api/licenses?as=owner", "as")]
    [InlineData("/api/patents?status=flying", "status")]
    [InlineData("/api/patent-transfers?limit=0", "limit")]
    [InlineData("/api/participants?after=-1", "after")]
    public async Task BadFilters_Are400_NamingTheParameter(string path, string field)
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Investor"));
        var problem = await (await client.GetAsync(path)).AssertProblemAsync(400, "invalid-input");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<IReadOnlyList<ListedItemResponse>> ListAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ReadAsync<ListPageResponse>()).Items;

    private async Task SettleAsync(Guid transferId, Guid owner, Guid buyer)
    {
        using var ownerClient = await api.ClientForAsync(owner);
        using var buyerClient = await api.ClientForAsync(buyer);
        using var op = await api.OperatorAsync();
        (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).EnsureSuccessStatusCode();
        (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, api.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "CNIPA-LIST-" + transferId.ToString("N")[..6] }, api.NewKey())).EnsureSuccessStatusCode();
    }

    private async Task<(Guid Owner, Guid Licensee, Guid LicenseId)> ExecutedLicenceAsync()
    {
        var (owner, agency, _, listingId) = await ListingsApiTests.ListedPatentAsync(api);
        var licensee = await api.RegisterAsync("Licensee");
        await api.DepositAsync(licensee, 100_000m);
        using var licenseeClient = await api.ClientForAsync(licensee);
        using var agencyClient = await api.ClientForAsync(agency);
        var offerId = (await (await licenseeClient.PostCommandAsync($"/api/listings/{listingId}/offers",
            new { kind = "license", licenseTerms = ListingsApiTests.OrdinaryTerms, expiresOn = Today.AddDays(5) }, api.NewKey())).ReadAsync<Exchange.Api.Listings.OfferResponse>()).OfferId;
        (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offerId}/accept", null, api.NewKey())).EnsureSuccessStatusCode();
        var licence = await (await licenseeClient.PostCommandAsync("/api/licenses", new { listingId, offerId, start = Today }, api.NewKey())).ReadAsync<Exchange.Api.Licenses.LicenseResponse>();
        return (owner, licensee, licence.LicenseId);
    }
}
