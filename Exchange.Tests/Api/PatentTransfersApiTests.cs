using System.Net;
using Exchange.Api.Ledger;
using Exchange.Api.Listings;
using Exchange.Api.PatentTransfers;
using Exchange.Api.Patents;
using Exchange.Grains.PatentTransfers;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class PatentTransfersApiTests(ApiFactory api)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A listed patent, a funded buyer's accepted purchase offer, and the patent transfer it started.</summary>
    public static async Task<(Guid Owner, Guid Buyer, string Number, Guid TransferId)> SoldPatentAsync(ApiFactory api, decimal price, string ipc = "H10K 30/57")
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(api, ipc);
        var buyer = await api.RegisterAsync("Investor");
        await api.DepositAsync(buyer, 2_000_000m);
        using var buyerClient = await api.ClientForAsync(buyer);
        using var agencyClient = await api.ClientForAsync(agency);
        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price, expiresOn = Today.AddDays(7) }, api.NewKey())).ReadAsync<OfferResponse>();
        var closed = await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, api.NewKey())).ReadAsync<ListingResponse>();
        return (owner, buyer, number, Assert.Single(closed.Offers.Single().PatentTransfers));
    }

    [Fact]
    public async Task AgencyListsBuyerOffersSellerAccepts_TransferSettles_MoneyAndOwnershipMoveExactlyOnce()
    {
        var (owner, buyer, number, transferId) = await SoldPatentAsync(api, 1_150_000.55m);
        using var ownerClient = await api.ClientForAsync(owner);
        using var buyerClient = await api.ClientForAsync(buyer);
        using var op = await api.OperatorAsync();

        Assert.Equal(PatentTransferStatus.Consented, (await (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, api.NewKey())).ReadAsync<PatentTransferResponse>()).Status);
        var escrowKey = api.NewKey();
        Assert.Equal(PatentTransferStatus.FundsInEscrow, (await (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, escrowKey)).ReadAsync<PatentTransferResponse>()).Status);
        await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, escrowKey);
        Assert.Equal(1_150_000.55m, (await (await buyerClient.GetAsync($"/api/accounts/{buyer}")).ReadAsync<AccountResponse>()).Reserved);

        var recordKey = api.NewKey();
        var settled = await (await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "CNIPA-2026-ASG-77" }, recordKey)).ReadAsync<PatentTransferResponse>();
        await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "CNIPA-2026-ASG-77" }, api.NewKey());
        Assert.Equal(PatentTransferStatus.Settled, settled.Status);

        Assert.Equal(1_150_000.55m, (await (await ownerClient.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available);
        var buyerAccount = await (await buyerClient.GetAsync($"/api/accounts/{buyer}")).ReadAsync<AccountResponse>();
        Assert.Equal((2_000_000m - 1_150_000.55m, 0m), (buyerAccount.Available, buyerAccount.Reserved));
        var patent = await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Equal([new OwnerShareResponse(buyer, 100m)], patent.Owners);
        Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
    }

    [Fact]
    public async Task EscrowWithoutConsent_Is422_AndRecordByANonOperator_Is403()
    {
        var (_, buyer, _, transferId) = await SoldPatentAsync(api, 10m);
        using var buyerClient = await api.ClientForAsync(buyer);
        await (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, api.NewKey())).AssertProblemAsync(422, "consent-missing");
        await (await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "X" }, api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await buyerClient.GetAsync($"/api/patent-transfers/{Guid.NewGuid()}")).AssertProblemAsync(404, "patent-transfer-not-found");
    }
}
