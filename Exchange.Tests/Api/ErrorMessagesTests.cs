using System.Net;
using System.Text;
using Exchange.Api.Ledger;
using Exchange.Api.Listings;
using Exchange.Api.PatentTransfers;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// The messages of the commonest refusals: each names the field or parameter at fault and what it takes, in the
/// domain's words — no .NET type, serializer phrase or lifecycle trigger — and changes nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorMessagesTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(Guid Payer, Guid Payee, HttpClient Client)> FundedPairAsync(decimal amount = 100m)
    {
        var payer = await api.RegisterAsync();
        var payee = await api.RegisterAsync();
        await api.DepositAsync(payer, amount);
        return (payer, payee, await api.ClientForAsync(payer));
    }

    private static async Task<AccountResponse> AccountAsync(HttpClient client, Guid participant) =>
        await (await client.GetAsync($"/api/accounts/{participant}")).ReadAsync<AccountResponse>();

    [Theory]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":\"lots\",\"mode\":\"immediate\"}", "amount", "an amount in yuan as a JSON number")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":\"10\",\"mode\":\"immediate\"}", "amount", "not \"10\"")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":true,\"mode\":\"immediate\"}", "amount", "an amount in yuan")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1e40,\"mode\":\"immediate\"}", "amount", "out of range")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1,\"mode\":\"teleport\"}", "mode", "one of \"immediate\" or \"hold\", not \"teleport\"")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1,\"mode\":1}", "mode", "one of \"immediate\" or \"hold\"")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1,\"mode\":\"immediate\",\"memo\":5}", "memo", "a text in quotes")]
    [InlineData("{\"payee\":null,\"amount\":1,\"mode\":\"immediate\"}", "payee", "cannot be null")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1}", "mode", "is required; it takes one of \"immediate\" or \"hold\"")]
    [InlineData("{\"payee\":\"PAYEE\",\"mode\":\"hold\"}", "amount", "is required")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1,\"mode\":\"immediate\",\"bonus\":5}", "bonus", "'payee' (required), 'amount' (required), 'mode' (required) and 'memo'")]
    [InlineData("{\"payee\":\"PAYEE\",\"amount\":1", "body", "not valid JSON")]
    [InlineData("[]", "body", "must be a JSON object")]
    [InlineData("", "body", "takes a JSON object as its body")]
    public async Task MalformedTransferBody_Is400NamingTheFieldAndWhatItTakes_AndMovesNothing(string body, string field, string says)
    {
        var (payer, payee, client) = await FundedPairAsync();
        var problem = (await (await client.PostRawAsync("/api/transfers", body.Replace("PAYEE", payee.ToString()), api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains(says, problem.FieldError(field));
        Assert.Contains(says, problem.GetProperty("detail").GetString());
        Assert.Equal(100m, (await AccountAsync(client, payer)).Available);
    }

    [Fact]
    public async Task DepositWithTheAmountAsAString_Is400_AndNothingIsBooked()
    {
        var owner = await api.RegisterAsync();
        using var op = await api.OperatorAsync();
        var problem = (await (await op.PostRawAsync($"/api/accounts/{owner}/deposits", "{\"amount\":\"10\"}", api.NewKey())).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("JSON number", problem.FieldError("amount"));
        Assert.Equal(0m, (await AccountAsync(op, owner)).Available);
    }

    [Fact]
    public async Task NestedFieldsAndRequiredEnums_AreNamedByTheirPath()
    {
        var agency = await api.RegisterAsync("Agency");
        using var client = await api.ClientForAsync(agency);
        var terms = "\"licenseTerms\":{\"type\":\"ordinary\",\"territories\":[86],\"fields\":[],\"termMonths\":12,\"upfrontFee\":1,\"royaltyRatePercent\":\"3\",\"minimumAnnualRoyalty\":1}";
        var listing = (await (await client.PostRawAsync("/api/listings", "{\"applicationNumbers\":[\"x\"],\"expiresOn\":\"2030-01-01\"," + terms + "}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("a text in quotes", listing.FieldError("licenseTerms.territories[0]"));

        var untyped = (await (await client.PostRawAsync("/api/listings", "{\"applicationNumbers\":[\"x\"],\"expiresOn\":\"2030-01-01\",\"licenseTerms\":{\"territories\":[],\"fields\":[],\"termMonths\":12,\"upfrontFee\":1,\"royaltyRatePercent\":3,\"minimumAnnualRoyalty\":1}}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("\"exclusive\"", untyped.FieldError("licenseTerms.type"));

        var date = (await (await client.PostRawAsync($"/api/listings/{Guid.NewGuid()}/offers", "{\"kind\":\"purchase\",\"price\":10,\"expiresOn\":\"2024-13-45\"}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("yyyy-mm-dd", date.FieldError("expiresOn"));

        var kindless = (await (await client.PostRawAsync($"/api/listings/{Guid.NewGuid()}/offers", "{\"price\":10,\"expiresOn\":\"2030-01-01\"}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("\"purchase\"", kindless.FieldError("kind"));
    }

    [Fact]
    public async Task RegistrationWithoutItsKindOrWithRolesAsText_Is400NamingTheField()
    {
        using var op = await api.OperatorAsync();
        var kindless = (await (await op.PostRawAsync("/api/participants", "{\"legalName\":\"X\",\"creditCode\":\"x\",\"roles\":[\"Owner\"],\"isDomestic\":true,\"isSmallEntity\":false}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("\"enterprise\"", kindless.FieldError("kind"));
        var roles = (await (await op.PostRawAsync("/api/participants", "{\"legalName\":\"X\",\"kind\":\"enterprise\",\"creditCode\":\"x\",\"roles\":\"Owner\",\"isDomestic\":true,\"isSmallEntity\":false}", api.NewKey()))
            .AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("a list in brackets", roles.FieldError("roles"));
    }

    [Fact]
    public async Task AnAgreedRemuneration_StatesItsPercentage_AndTheOthersTakeNone()
    {
        var owner = await api.RegisterAsync("Owner");
        using var client = await api.ClientForAsync(owner);
        var path = $"/api/participants/{owner}/remuneration-policy";
        var missing = (await (await client.PostCommandAsync(path, new { basis = "agreed" }, api.NewKey())).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("states its percentage", missing.FieldError("agreedPercent"));
        (await (await client.PostCommandAsync(path, new { basis = "legacy", agreedPercent = 30m }, api.NewKey())).AssertProblemAsync(400, "invalid-input")).AssertReadable().FieldError("agreedPercent");
        Assert.Equal(HttpStatusCode.OK, (await client.PostCommandAsync(path, new { basis = "agreed", agreedPercent = 30m }, api.NewKey())).StatusCode);
    }

    [Theory]
    [InlineData("/api/transfers/not-a-guid", "transferId", "'not-a-guid' is not a transfer id")]
    [InlineData("/api/listings/abc", "listingId", "is not a listing id")]
    [InlineData("/api/participants/42", "participantId", "an id, such as")]
    [InlineData("/api/accounts/xyz/statement", "participantId", "is not a participant id")]
    public async Task MalformedIdInTheRoute_Is400NamingTheRouteValue(string path, string field, string says)
    {
        using var op = await api.OperatorAsync();
        var problem = (await (await op.GetAsync(path)).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains(says, problem.FieldError(field));
    }

    [Fact]
    public async Task MalformedIdInACommandsRoute_Is400NamingTheRouteValue()
    {
        using var op = await api.OperatorAsync();
        var transfer = (await (await op.PostCommandAsync("/api/patent-transfers/xyz/consent", null, api.NewKey())).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("transfer id", transfer.FieldError("transferId"));
        var period = (await (await op.PostCommandAsync($"/api/licenses/{Guid.NewGuid()}/royalty-reports/first/payment", null, api.NewKey())).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("a whole number", period.FieldError("periodIndex"));
    }

    [Theory]
    [InlineData("/api/listings?minPrice=abc", "minPrice", "an amount in yuan")]
    [InlineData("/api/listings?owner=bob", "owner", "an id, such as")]
    [InlineData("/api/market/deals?from=yesterday", "from", "yyyy-mm-dd")]
    [InlineData("/api/listings?limit=many", "limit", "a whole number")]
    public async Task QueryParameterOfTheWrongKind_Is400NamingTheParameter(string path, string parameter, string says)
    {
        using var op = await api.OperatorAsync();
        var problem = (await (await op.GetAsync(path)).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        var message = problem.FieldError(parameter);
        Assert.Contains($"query parameter '{parameter}'", message);
        Assert.Contains(says, message);
    }

    [Fact]
    public async Task StatementPageSizeNotANumber_Is400NamingLimit()
    {
        var (payer, _, client) = await FundedPairAsync();
        var problem = (await (await client.GetAsync($"/api/accounts/{payer}/statement?limit=abc")).AssertProblemAsync(400, "invalid-input")).AssertReadable();
        Assert.Contains("'abc'", problem.FieldError("limit"));
    }

    [Fact]
    public async Task TransferBeyondTheBalance_Is422NamingWhatIsAvailableAndShort()
    {
        var (payer, payee, client) = await FundedPairAsync(89m);
        var problem = (await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 1_000m, mode = "immediate" }, api.NewKey()))
            .AssertProblemAsync(422, "insufficient-funds")).AssertReadable();
        Assert.Equal($"Participant {payer} has CNY 89.00 available, short by CNY 911.00 of the CNY 1000.00 to transfer.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EscrowOfACoOwnedPatentBeyondTheBuyersFunds_NamesTheWholePriceAndTheBuyersBalance_AndHoldsNothing()
    {
        var owner = await api.RegisterAsync("Owner");
        var coOwner = await api.RegisterAsync("Owner");
        var agency = await api.RegisterAsync("Agency");
        var buyer = await api.RegisterAsync("Investor");
        await api.DepositAsync(buyer, 700m);
        using var ownerClient = await api.ClientForAsync(owner);
        using var coOwnerClient = await api.ClientForAsync(coOwner);
        using var agencyClient = await api.ClientForAsync(agency);
        using var buyerClient = await api.ClientForAsync(buyer);
        using var op = await api.OperatorAsync();
        var filed = Today.AddYears(-2);
        var number = PatentsApiTests.NewNumber(filed.Year);
        (await ownerClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, (owner, 60m), (coOwner, 40m)), api.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, api.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, api.NewKey())).EnsureSuccessStatusCode();
        (await coOwnerClient.PostCommandAsync($"/api/patents/{number}/ownership-confirmation", null, api.NewKey())).EnsureSuccessStatusCode();
        foreach (var client in new[] { ownerClient, coOwnerClient })
        {
            (await client.PostCommandAsync($"/api/patents/{number}/mandates", new { agencyId = agency, validUntil = Today.AddYears(1) }, api.NewKey())).EnsureSuccessStatusCode();
        }
        var listing = await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(2), salePrice = 1_000m }, api.NewKey())).ReadAsync<ListingResponse>();
        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listing.ListingId}/offers", new { kind = "purchase", price = 1_000m, expiresOn = Today.AddDays(7) }, api.NewKey())).ReadAsync<OfferResponse>();
        var closed = await (await agencyClient.PostCommandAsync($"/api/listings/{listing.ListingId}/offers/{offer.OfferId}/accept", null, api.NewKey())).ReadAsync<ListingResponse>();
        var transferId = Assert.Single(closed.Offers.Single().PatentTransfers);
        foreach (var client in new[] { ownerClient, coOwnerClient })
        {
            (await client.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).EnsureSuccessStatusCode();
        }

        var problem = (await (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, api.NewKey()))
            .AssertProblemAsync(422, "insufficient-funds")).AssertReadable();
        // The first seller's part (CNY 600.00) fits; the second does not: the refusal speaks of the whole price.
        Assert.Equal($"Buyer {buyer} has CNY 700.00 available, short by CNY 300.00 of the CNY 1000.00 that the purchase of patent {number} puts into escrow.",
            problem.GetProperty("detail").GetString());
        var account = await AccountAsync(buyerClient, buyer);
        Assert.Equal((700m, 0m), (account.Available, account.Reserved));
    }

    [Fact]
    public async Task CounteringAnAcceptedOffer_WithdrawingAClosedListing_AndRecordingBeforeEscrow_Are409InTheDomainsWords()
    {
        var (owner, agency, _, listingId) = await ListingsApiTests.ListedPatentAsync(api);
        var buyer = await api.RegisterAsync("Investor");
        using var buyerClient = await api.ClientForAsync(buyer);
        using var agencyClient = await api.ClientForAsync(agency);
        using var ownerClient = await api.ClientForAsync(owner);
        using var op = await api.OperatorAsync();
        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 10m, expiresOn = Today.AddDays(7) }, api.NewKey())).ReadAsync<OfferResponse>();
        var closed = await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, api.NewKey())).ReadAsync<ListingResponse>();
        var transferId = Assert.Single(closed.Offers.Single().PatentTransfers);

        var counter = (await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/counter", new { price = 20m }, api.NewKey()))
            .AssertProblemAsync(409, "invalid-transition")).AssertReadable();
        Assert.Equal($"Offer {offer.OfferId} is accepted; an offer can be countered only while it is awaiting the lister's answer.", counter.GetProperty("detail").GetString());

        var withdraw = (await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/withdraw", null, api.NewKey())).AssertProblemAsync(409, "invalid-transition")).AssertReadable();
        Assert.Equal($"Listing {listingId} is closed by a deal; a listing can be withdrawn only while it is open.", withdraw.GetProperty("detail").GetString());

        (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).EnsureSuccessStatusCode();
        var record = (await (await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "CNIPA-R-1" }, api.NewKey()))
            .AssertProblemAsync(409, "invalid-transition")).AssertReadable();
        Assert.Equal($"Patent transfer {transferId} is awaiting the buyer's funds; a patent transfer can be recorded with the patent office only while it is holding the buyer's funds in escrow.",
            record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ReleasingASettledTransfer_AndConsentingTwice_AreAnsweredInTheDomainsWords()
    {
        var (_, payee, client) = await FundedPairAsync();
        var held = await (await client.PostCommandAsync("/api/transfers", new { payee = payee.ToString(), amount = 30m, mode = "hold" }, api.NewKey())).ReadAsync<TransferResponse>();
        (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/settle", null, api.NewKey())).EnsureSuccessStatusCode();
        var release = (await (await client.PostCommandAsync($"/api/transfers/{held.TransferId}/release", null, api.NewKey())).AssertProblemAsync(409, "invalid-transition")).AssertReadable();
        Assert.Equal($"Transfer {held.TransferId} is settled; a transfer can be released only while it is held with its funds reserved.", release.GetProperty("detail").GetString());

        // A second consent of the same owner is a repeat, answered like the first: nothing to refuse.
        var (owner, _, _, transferId) = await PatentTransfersApiTests.SoldPatentAsync(api, 10m);
        using var ownerClient = await api.ClientForAsync(owner);
        var first = await (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).ReadAsync<PatentTransferResponse>();
        var second = await (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).ReadAsync<PatentTransferResponse>();
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Consents, second.Consents);
    }

    [Fact]
    public async Task SuspendingAParticipantNotYetVerified_Is422InTheDomainsWords()
    {
        var pending = await api.RegisterAsync(verify: false);
        using var op = await api.OperatorAsync();
        var problem = (await (await op.PostCommandAsync($"/api/participants/{pending}/kyc", new { decision = "suspend", reason = "test" }, api.NewKey()))
            .AssertProblemAsync(422, "invalid-kyc-change")).AssertReadable();
        Assert.Equal($"Participant {pending} is awaiting its KYC check; a participant can be suspended only while it is KYC-verified.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ForbiddenAndNotFound_NameWhoAndWhat()
    {
        var (payer, payee, client) = await FundedPairAsync();
        var forbidden = (await (await client.GetAsync($"/api/accounts/{payee}")).AssertProblemAsync(403, "forbidden")).AssertReadable();
        Assert.Equal($"Participant {payer} may not read the account of participant {payee}.", forbidden.GetProperty("detail").GetString());
        var role = (await (await client.PostCommandAsync($"/api/accounts/{payee}/deposits", new { amount = 5m }, api.NewKey())).AssertProblemAsync(403, "forbidden")).AssertReadable();
        Assert.Contains("needs the Operator role", role.GetProperty("detail").GetString());

        var unknown = Guid.NewGuid();
        var transfer = (await (await client.GetAsync($"/api/transfers/{unknown}")).AssertProblemAsync(404, "transfer-not-found")).AssertReadable();
        Assert.Equal($"Transfer {unknown} does not exist.", transfer.GetProperty("detail").GetString());
        var address = (await (await client.GetAsync("/api/nothing/here")).AssertProblemAsync(404, "not-found")).AssertReadable();
        Assert.Equal("No endpoint of the exchange answers GET /api/nothing/here.", address.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NoToken_WrongMethod_AndABodyThatIsNotJson_AreProblemDetailsOfTheExchange()
    {
        using var anonymous = api.CreateClient();
        var unauthenticated = (await (await anonymous.GetAsync($"/api/transfers/{Guid.NewGuid()}")).AssertProblemAsync(401, "unauthenticated")).AssertReadable();
        Assert.Contains("Authorization: Bearer", unauthenticated.GetProperty("detail").GetString());

        var (_, payee, client) = await FundedPairAsync();
        var method = (await (await client.DeleteAsync("/api/transfers")).AssertProblemAsync(405, "method-not-allowed")).AssertReadable();
        Assert.Equal("DELETE is not taken at /api/transfers; it takes GET or POST.", method.GetProperty("detail").GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/transfers")
        {
            Content = new StringContent($"{{\"payee\":\"{payee}\",\"amount\":1,\"mode\":\"immediate\"}}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Idempotency-Key", api.NewKey());
        var media = (await (await client.SendAsync(request)).AssertProblemAsync(415, "unsupported-media-type")).AssertReadable();
        Assert.Contains("Content-Type: application/json", media.GetProperty("detail").GetString());
    }
}
