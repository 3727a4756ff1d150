using System.Net;
using Exchange.Api.Listings;
using Exchange.Api.Patents;
using Exchange.Grains.Listings;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ListingsApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static object OrdinaryTerms => new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H10K" }, termMonths = 36, upfrontFee = 30_000m, royaltyRatePercent = 3.5m, minimumAnnualRoyalty = 10_000m };

    /// <summary>An owner's granted patent, mandated to an agency, and the agency's open listing of it (sale and licence).</summary>
    public static async Task<(Guid Owner, Guid Agency, string Number, Guid ListingId)> ListedPatentAsync(ApiFactoryBase api, string ipc = "H10K 30/57")
    {
        var owner = await api.RegisterAsync("Owner");
        var agency = await api.RegisterAsync("Agency");
        using var ownerClient = await api.ClientForAsync(owner);
        var filed = Today.AddYears(-2);
        var number = PatentsApiTests.NewNumber(filed.Year);
        Assert.Equal(HttpStatusCode.Created, (await ownerClient.PostCommandAsync("/api/patents", PatentsApiTests.Registration(number, filed, ipc, (owner, 100m)), api.NewKey())).StatusCode);
        using var op = await api.OperatorAsync();
        (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = Today }, api.NewKey())).EnsureSuccessStatusCode();
        // An owner's own registration is traded only once the operator confirmed it against the office's record.
        (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, api.NewKey())).EnsureSuccessStatusCode();
        (await ownerClient.PostCommandAsync($"/api/patents/{number}/mandates", new { agencyId = agency, validUntil = Today.AddYears(1) }, api.NewKey())).EnsureSuccessStatusCode();

        using var agencyClient = await api.ClientForAsync(agency);
        var created = await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(2), salePrice = 1_200_000m, licenseTerms = OrdinaryTerms }, api.NewKey());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (owner, agency, number, (await created.ReadAsync<ListingResponse>()).ListingId);
    }

    [Fact]
    public async Task AgencyListsAPatent_BuyerOffers_AgencyCounters_BuyerAccepts_ListingCloses()
    {
        var (_, agency, number, listingId) = await ListedPatentAsync(api);
        var buyer = await api.RegisterAsync("Investor");
        var licensee = await api.RegisterAsync("Licensee");
        using var buyerClient = await api.ClientForAsync(buyer);
        using var licenseeClient = await api.ClientForAsync(licensee);
        using var agencyClient = await api.ClientForAsync(agency);

        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_000_000m, expiresOn = Today.AddDays(14) }, api.NewKey())).ReadAsync<OfferResponse>();
        var licenceOffer = await (await licenseeClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "license", licenseTerms = OrdinaryTerms, expiresOn = Today.AddDays(14) }, api.NewKey())).ReadAsync<OfferResponse>();
        Assert.Equal(OfferStatus.Submitted, offer.Status);
        Assert.Contains(listingId, (await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>()).OpenListings);

        // Offers are confidential: each bidder sees its own, the agency sees all.
        Assert.Equal([offer.OfferId], (await (await buyerClient.GetAsync($"/api/listings/{listingId}")).ReadAsync<ListingResponse>()).Offers.Select(o => o.OfferId));
        Assert.Equal(2, (await (await agencyClient.GetAsync($"/api/listings/{listingId}")).ReadAsync<ListingResponse>()).Offers.Count);

        var countered = await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/counter", new { price = 1_100_000m }, api.NewKey())).ReadAsync<OfferResponse>();
        Assert.Equal((OfferStatus.Countered, 1_100_000m), (countered.Status, countered.CounterPrice));
        var closed = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, api.NewKey())).ReadAsync<ListingResponse>();
        Assert.Equal(ListingStatus.Closed, closed.Status);

        var licenceAfter = (await (await licenseeClient.GetAsync($"/api/listings/{listingId}")).ReadAsync<ListingResponse>()).Offers.Single();
        Assert.Equal((licenceOffer.OfferId, OfferStatus.Rejected), (licenceAfter.OfferId, licenceAfter.Status));
        Assert.DoesNotContain(listingId, (await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>()).OpenListings);
    }

    [Fact]
    public async Task ListingByAParticipantWithoutTheAgencyRole_Is403_AndWithoutAMandate_Is422()
    {
        var (owner, _, number, _) = await ListedPatentAsync(api);
        using var ownerClient = await api.ClientForAsync(owner);
        await (await ownerClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1), salePrice = 1m }, api.NewKey()))
            .AssertProblemAsync(403, "forbidden");
        var otherAgency = await api.RegisterAsync("Agency");
        using var otherClient = await api.ClientForAsync(otherAgency);
        await (await otherClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1), salePrice = 1m }, api.NewKey()))
            .AssertProblemAsync(422, "mandate-missing");
    }

    [Fact]
    public async Task BadListingInput_Is400()
    {
        var (_, agency, number, _) = await ListedPatentAsync(api);
        using var agencyClient = await api.ClientForAsync(agency);
        await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1) }, api.NewKey())).AssertProblemAsync(400);
        await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1), salePrice = -5m }, api.NewKey())).AssertProblemAsync(400);
        await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1),
            licenseTerms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H10K" }, termMonths = 36, upfrontFee = 1m, royaltyRatePercent = 3.555m, minimumAnnualRoyalty = 1m } }, api.NewKey())).AssertProblemAsync(400);
        await (await agencyClient.PostCommandAsync("/api/listings", new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(1),
            licenseTerms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H10K" }, termMonths = 36, upfrontFee = 1m, royaltyRatePercent = 1e27m, minimumAnnualRoyalty = 1m } }, api.NewKey())).AssertProblemAsync(400);
        await (await agencyClient.PostRawAsync("/api/listings", $"{{\"applicationNumbers\":[null],\"expiresOn\":\"{Today.AddMonths(1):yyyy-MM-dd}\",\"salePrice\":5}}", api.NewKey())).AssertProblemAsync(400);
        await (await agencyClient.GetAsync($"/api/listings/{Guid.NewGuid()}")).AssertProblemAsync(404, "listing-not-found");
    }
}
