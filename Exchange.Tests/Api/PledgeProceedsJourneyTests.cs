using System.Net;
using Exchange.Api.Ledger;
using Exchange.Api.Licenses;
using Exchange.Api.Listings;
using Exchange.Api.PatentTransfers;
using Exchange.Api.Patents;
using Exchange.Api.Pledges;
using Exchange.Grains.Listings;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>
/// The money of deals in the collateral the pledgee consented to (Civil Code Art. 444; domain.md §6): early repayment or
/// escrow as the pledgee chose, the escrow drawn on in default and returned on release; and repayments the bank
/// received outside the exchange, which it records. Over HTTP, on a fake business clock of its own.
/// </summary>
public sealed class PledgeProceedsJourneyTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ClockedApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _api = new ClockedApiFactory(_clock);
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<PledgeResponse> RegisteredAsync(Guid bank, Guid owner, string number, decimal principal)
    {
        using var bankClient = await _api.ClientForAsync(bank);
        using var ownerClient = await _api.ClientForAsync(owner);
        return await PledgeSteps.RegisteredAsync(_api, bankClient, ownerClient, PledgeSteps.Application(Today, bank, [number], principal: principal));
    }

    private static Task<PledgeResponse> OkAsync(Task<HttpResponseMessage> command) => PledgeSteps.OkAsync(command);

    private async Task<PledgeResponse> PledgeAsync(Guid reader, Guid pledgeId)
    {
        using var client = await _api.ClientForAsync(reader);
        return await (await client.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();
    }

    private Task<decimal> AvailableAsync(Guid participant) => PledgeSteps.AvailableAsync(_api, participant);

    private void AdvanceTo(DateOnly day) => PledgeSteps.AdvanceTo(_clock, day);

    private Task TickAsync(Guid pledgeId) => PledgeSteps.TickAsync(_api, pledgeId);

    /// <summary>A licence to the licensee on the listing's standard terms (upfront fee 30,000): the answer to its creation.</summary>
    private async Task<HttpResponseMessage> LicenceAsync(Guid agency, Guid listingId, Guid licensee)
    {
        using var client = await _api.ClientForAsync(licensee);
        using var agencyClient = await _api.ClientForAsync(agency);
        var offer = await (await client.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "license", licenseTerms = ListingsApiTests.OrdinaryTerms, expiresOn = Today.AddDays(10) }, _api.NewKey())).ReadAsync<OfferResponse>();
        (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, _api.NewKey())).EnsureSuccessStatusCode();
        return await client.PostCommandAsync("/api/licenses", new { listingId, offerId = offer.OfferId, start = Today }, _api.NewKey());
    }

    [Fact]
    public async Task ASaleThePledgeeConsentedTo_RepaysTheLoanEarly_TheSurplusGoesToTheSeller_AndThePatentPassesFreeOfThePledge()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        var stranger = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(buyer, 2_000_000m);
        await _api.DepositAsync(stranger, 2_000_000m);
        await _api.DepositAsync(owner, 50_000m);
        var pledge = await RegisteredAsync(bank, owner, number, 1_000_000m);
        AdvanceTo(Today.AddDays(10));
        using var bankClient = await _api.ClientForAsync(bank);
        using var ownerClient = await _api.ClientForAsync(owner);
        // The patent's next annual fee falls due meanwhile; the owner keeps it in force.
        await PledgeSteps.PayNextFeeAsync(_api, ownerClient, number);
        using var agencyClient = await _api.ClientForAsync(agency);
        using var buyerClient = await _api.ClientForAsync(buyer);
        using var strangerClient = await _api.ClientForAsync(stranger);
        using var op = await _api.OperatorAsync();

        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "transfer", counterparty = buyer, proceeds = "elsewhere" }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        // A sale's consent names the patent and the least price: the price takes the patent's place as collateral.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "transfer", counterparty = buyer, applicationNumber = number }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-amount");
        var otherPatent = PatentsApiTests.NewNumber(Today.Year - 2);
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "transfer", counterparty = buyer, applicationNumber = otherPatent, minimumPrice = 1_100_000m }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license", counterparty = buyer, minimumPrice = 1_100_000m }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        var sale = new { kind = "transfer", counterparty = buyer, proceeds = "earlyRepayment", applicationNumber = number, minimumPrice = 1_100_000m };
        var consented = await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", sale, _api.NewKey()));
        Assert.Contains(new PledgeeConsentDto(DisposalKind.Transfer, buyer, ProceedsRoute.EarlyRepayment, number, 1_100_000m), consented.DisposalConsents);
        // A consent stands as given: the same deal with its money routed elsewhere, or for a lower price, is refused, not silently changed.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", sale with { proceeds = "escrow" }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", sale with { minimumPrice = 900_000m }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");

        // Below the least price the consented buyer is refused too; another buyer is refused whatever the price, naming the pledge.
        var lowOffer = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_000_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{lowOffer.OfferId}/accept", null, _api.NewKey())).AssertProblemAsync(422, "patent-pledged");
        var strangerOffer = await (await strangerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_200_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{strangerOffer.OfferId}/accept", null, _api.NewKey())).AssertProblemAsync(422, "patent-pledged");

        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_200_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        var accepted = await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, _api.NewKey())).ReadAsync<ListingResponse>();
        var transferId = Assert.Single(accepted.Offers.Single(o => o.OfferId == offer.OfferId).PatentTransfers);
        (await ownerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/consent", null, _api.NewKey())).EnsureSuccessStatusCode();
        var escrow = await buyerClient.PostCommandAsync($"/api/patent-transfers/{transferId}/escrow", null, _api.NewKey());
        Assert.True(escrow.IsSuccessStatusCode, await escrow.Content.ReadAsStringAsync());
        Assert.Equal(pledge.PledgeId, (await escrow.ReadAsync<PatentTransferResponse>()).ProceedsToPledge);
        var ownerBefore = await AvailableAsync(owner);
        var settled = await (await op.PostCommandAsync($"/api/patent-transfers/{transferId}/record", new { registrationReference = "CNIPA-2026-ASG-91" }, _api.NewKey())).ReadAsync<PatentTransferResponse>();
        Assert.Equal(Exchange.Grains.PatentTransfers.PatentTransferStatus.Settled, settled.Status);

        // Ten days into the loan the price repays the principal with ten days' interest: 1,000,000 × 4.35% × 10 / 360 = 1,208.33.
        var released = await PledgeAsync(bank, pledge.PledgeId);
        Assert.Equal(PledgeStatus.Released, released.Status);
        Assert.Equal(1_000_000m, released.Prepaid);
        Assert.Equal([number], released.SoldPatents);
        Assert.Equal(1_001_208.33m, await AvailableAsync(bank));
        Assert.Equal(ownerBefore + 1_200_000m - 1_001_208.33m, await AvailableAsync(owner));
        var patent = await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Equal([new OwnerShareResponse(buyer, 100m)], patent.Owners);
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind == EncumbranceKind.Pledge);
        Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
    }

    [Fact]
    public async Task ALicenceThePledgeeConsentedTo_PaysItsFeeIntoEscrow_TheBankRecordsRepaymentsReceivedOutside_AndTheEscrowGoesBackOnRelease()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var licensee = await _api.RegisterAsync("Licensee");
        await _api.DepositAsync(licensee, 100_000m);
        var pledge = await RegisteredAsync(bank, owner, number, 100_000m);
        using var bankClient = await _api.ClientForAsync(bank);
        using var ownerClient = await _api.ClientForAsync(owner);
        await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license", counterparty = licensee, proceeds = "escrow" }, _api.NewKey()));

        var ownerBefore = await AvailableAsync(owner);
        var granted = await LicenceAsync(agency, listingId, licensee);
        Assert.True(granted.StatusCode == HttpStatusCode.Created, await granted.Content.ReadAsStringAsync());
        var licence = await granted.ReadAsync<LicenseResponse>();
        Assert.Equal(Exchange.Grains.Licenses.LicenseStatus.Active, licence.Status);
        var held = await PledgeAsync(bank, pledge.PledgeId);
        Assert.Equal(30_000m, held.Escrowed);
        Assert.Equal([new EscrowedProceedsResponse(owner, 30_000m)], held.Escrow);
        Assert.Equal(ownerBefore, await AvailableAsync(owner));
        Assert.Equal(0m, await AvailableAsync(bank));

        // The bank records an instalment paid to it directly: once under one key, only by the bank, at most what is owed.
        var key = _api.NewKey();
        var instalment = pledge.Schedule[0].Payment;
        var copies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received",
            new { amount = instalment, reference = "ICBC-20261201-000731" }, key)));
        Assert.All(copies, c => Assert.True(c.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, c.StatusCode.ToString()));
        Assert.Equal(instalment, (await PledgeAsync(bank, pledge.PledgeId)).Repaid);
        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received", new { amount = 1m, reference = "mine" }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received", new { amount = 1_000_000m, reference = "too much" }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-amount");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received", new { amount = 1m, reference = "" }, _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        // The same bank payment under another key is refused: recorded once, never twice.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received", new { amount = instalment, reference = "ICBC-20261201-000731" }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        Assert.Equal(0m, await AvailableAsync(bank));

        // Before a default the bank cannot draw on the escrow.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/escrow/draws", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");

        // The rest is recorded as received too: the pledge is released and the escrowed fee goes back to the owner.
        var rest = (await PledgeAsync(bank, pledge.PledgeId)).Schedule.Sum(i => i.Payment) - instalment;
        var released = await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments/received", new { amount = rest, reference = "ICBC-20261201-000732" }, _api.NewKey()));
        Assert.Equal(PledgeStatus.Released, released.Status);
        Assert.Equal(0m, released.Escrowed);
        Assert.Equal(ownerBefore + 30_000m, await AvailableAsync(owner));
        using var op = await _api.OperatorAsync();
        Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);

        // The pledge's audit trail is its parties' to read (and the staff's), no one else's.
        using var owner2 = await _api.ClientForAsync(owner);
        var trail = await owner2.GetAsync($"/api/audit/pledge:{pledge.PledgeId:N}");
        Assert.True(trail.IsSuccessStatusCode, await trail.Content.ReadAsStringAsync());
        Assert.Contains("outside the exchange", await trail.Content.ReadAsStringAsync());
        using var licenseeClient = await _api.ClientForAsync(licensee);
        await (await licenseeClient.GetAsync($"/api/audit/pledge:{pledge.PledgeId:N}")).AssertProblemAsync(403, "forbidden");
        await (await licenseeClient.GetAsync($"/api/audit/pledge:{Guid.NewGuid():N}")).AssertProblemAsync(404, "pledge-not-found");
    }

    [Fact]
    public async Task InDefault_ThePledgeeDrawsOnTheEscrowedProceeds_WhichCureTheArrears_ADrawOnAPerformingLoanIsRefused()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var licensee = await _api.RegisterAsync("Licensee");
        await _api.DepositAsync(licensee, 100_000m);
        var pledge = await RegisteredAsync(bank, owner, number, 100_000m);
        using (var bankClient = await _api.ClientForAsync(bank))
        {
            await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license", counterparty = licensee, proceeds = "escrow" }, _api.NewKey()));
        }
        Assert.Equal(HttpStatusCode.Created, (await LicenceAsync(agency, listingId, licensee)).StatusCode);

        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(31));
        await TickAsync(pledge.PledgeId);
        Assert.Equal(PledgeStatus.Defaulted, (await PledgeAsync(bank, pledge.PledgeId)).Status);
        using var bank2 = await _api.ClientForAsync(bank);
        using var ownerClient = await _api.ClientForAsync(owner);
        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/escrow/draws", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        var key = _api.NewKey();
        var drawn = await OkAsync(bank2.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/escrow/draws", null, key));
        await OkAsync(bank2.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/escrow/draws", null, key));

        // 30,000 pays the overdue instalment, and the rest repays principal with the interest accrued since its due date
        // (not the interest of months to come): the loan performs again, nothing is left in escrow.
        Assert.Equal(PledgeStatus.Registered, drawn.Status);
        var today = pledge.Schedule[0].DueOn.AddDays(31);
        var due = pledge.Schedule.Where(i => i.DueOn <= today).ToArray();
        Assert.Equal(due.Sum(i => i.Payment), drawn.Repaid);
        var interest = 30_000m - drawn.Repaid - drawn.Prepaid;
        var days = today.DayNumber - due[^1].DueOn.DayNumber;
        // Short of the whole balance, the fen its rounding leaves over is interest too.
        Assert.InRange(interest - Math.Round(drawn.Prepaid * 0.0435m * days / 360m, 2, MidpointRounding.AwayFromZero), 0m, 0.01m);
        Assert.Equal(0m, drawn.Escrowed);
        Assert.Equal(30_000m, await AvailableAsync(bank));
        await (await bank2.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/escrow/draws", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
    }

    [Fact]
    public async Task ThePledgeeOffersTheDefaultedCollateralOnTheMarket_TheOfferItAccepts_BecomesTheEnforcementSale_ApprovedAndPaidToThePledge()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(buyer, 500_000m);
        var pledge = await RegisteredAsync(bank, owner, number, 100_000m);
        var listing = new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(3), salePrice = 150_000m, enforcesPledge = pledge.PledgeId };
        using (var performing = await _api.ClientForAsync(bank))
        {
            // A performing loan's collateral is not the bank's to sell.
            await (await performing.PostCommandAsync("/api/listings", listing, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        }

        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(31));
        await TickAsync(pledge.PledgeId);
        // Signed in on the day (a token is valid for hours, not the months the clock moved).
        using var bankClient = await _api.ClientForAsync(bank);
        using var ownerClient = await _api.ClientForAsync(owner);
        using var buyerClient = await _api.ClientForAsync(buyer);
        using var op = await _api.OperatorAsync();
        // The patent's annual fee fell due meanwhile: the bank pays it to keep its collateral in force, and sellable.
        await _api.DepositAsync(bank, 10_000m);
        await PledgeSteps.PayNextFeeAsync(_api, bankClient, number);
        listing = listing with { expiresOn = Today.AddMonths(2) };
        // Only its pledgee lists it; for sale only; every patent the pledge holds.
        await (await ownerClient.PostCommandAsync("/api/listings", listing, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        var other = await _api.RegisterAsync("Pledgee");
        using (var otherBank = await _api.ClientForAsync(other))
        {
            await (await otherBank.PostCommandAsync("/api/listings", listing, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        }
        await (await bankClient.PostCommandAsync("/api/listings", new { listing.applicationNumbers, listing.expiresOn, listing.salePrice, listing.enforcesPledge, licenseTerms = ListingsApiTests.OrdinaryTerms }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");
        await (await bankClient.PostCommandAsync("/api/listings", listing with { applicationNumbers = new[] { PatentsApiTests.NewNumber(Today.Year - 2) } }, _api.NewKey()))
            .AssertProblemAsync(400, "invalid-input");

        var created = await bankClient.PostCommandAsync("/api/listings", listing, _api.NewKey());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var listed = await created.ReadAsync<ListingResponse>();
        Assert.Equal((pledge.PledgeId, bank), (listed.EnforcesPledge!.Value, listed.AgencyId));

        // An investor finds it on the market and offers; the bank accepts: that sale is the enforcement's proposal.
        var offer = await (await buyerClient.PostCommandAsync($"/api/listings/{listed.ListingId}/offers", new { kind = "purchase", price = 140_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        var accepted = await bankClient.PostCommandAsync($"/api/listings/{listed.ListingId}/offers/{offer.OfferId}/accept", null, _api.NewKey());
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        Assert.Equal(ListingStatus.Closed, (await accepted.ReadAsync<ListingResponse>()).Status);
        var proposed = await PledgeAsync(bank, pledge.PledgeId);
        Assert.Equal((PledgeStatus.Enforcing, buyer, 140_000m), (proposed.Status, proposed.Sale!.BuyerId, proposed.Sale.Price));
        Assert.Null(proposed.Sale.ApprovedOn);

        await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));
        var bankBefore = await AvailableAsync(bank);
        var closed = await OkAsync(buyerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, _api.NewKey()));
        Assert.Equal(PledgeStatus.Closed, closed.Status);
        Assert.Equal(140_000m, closed.Sale!.ToPledgee + closed.Sale.ToPledgors);
        Assert.Equal(closed.Sale.ToPledgee, await AvailableAsync(bank) - bankBefore);
        var sold = await (await buyerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Equal([new OwnerShareResponse(buyer, 100m)], sold.Owners);
        Assert.True((await (await op.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
    }

    [Fact]
    public async Task AStaleCounterOfferAcceptedByItsBidder_DoesNotReplaceTheSaleTheBankProposedSince()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var bidder = await _api.RegisterAsync("Investor");
        var rival = await _api.RegisterAsync("Investor");
        var pledge = await RegisteredAsync(bank, owner, number, 100_000m);
        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(31));
        await TickAsync(pledge.PledgeId);
        using var bankClient = await _api.ClientForAsync(bank);
        using var bidderClient = await _api.ClientForAsync(bidder);
        await _api.DepositAsync(bank, 10_000m);
        await PledgeSteps.PayNextFeeAsync(_api, bankClient, number);
        var created = await bankClient.PostCommandAsync("/api/listings",
            new { applicationNumbers = new[] { number }, expiresOn = Today.AddMonths(2), salePrice = 150_000m, enforcesPledge = pledge.PledgeId }, _api.NewKey());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var listingId = (await created.ReadAsync<ListingResponse>()).ListingId;

        // The bank counters the bidder at 160,000, then names another buyer directly for 170,000.
        var offer = await (await bidderClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 140_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        (await bankClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/counter", new { price = 160_000m }, _api.NewKey())).EnsureSuccessStatusCode();
        await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = rival, price = 170_000m }, _api.NewKey()));

        // The bidder accepting the stale counter is refused: the bank's own choice stands, at its price.
        await (await bidderClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        var after = await PledgeAsync(bank, pledge.PledgeId);
        Assert.Equal((rival, 170_000m), (after.Sale!.BuyerId, after.Sale.Price));
    }

    [Fact]
    public async Task APledgedPatentDeclaredInvalid_DropsTheApprovedEnforcementSale_AndLeavesTheCollateral()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(buyer, 2_000_000m);
        await _api.DepositAsync(owner, 50_000m);
        var pledge = await RegisteredAsync(bank, owner, number, 100_000m);
        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(31));
        await TickAsync(pledge.PledgeId);
        using var bankClient = await _api.ClientForAsync(bank);
        using var buyerClient = await _api.ClientForAsync(buyer);
        using var op = await _api.OperatorAsync();
        using (var ownerClient = await _api.ClientForAsync(owner))
        {
            // The patent's annual fee fell due meanwhile: paid, so that the patent is in force to be sold.
            await PledgeSteps.PayNextFeeAsync(_api, ownerClient, number);
        }
        await OkAsync(bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 90_000m }, _api.NewKey()));
        // A sale of the collateral is consented to only until the pledge is enforced: its own sale decides now.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "transfer", counterparty = buyer, applicationNumber = number, minimumPrice = 90_000m }, _api.NewKey()))
            .AssertProblemAsync(409, "invalid-transition");
        var approved = await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));
        Assert.NotNull(approved.Sale!.ApprovedOn);

        var invalidated = await op.PostCommandAsync($"/api/patents/{number}/invalidation", new { decisionReference = "CNIPA-INV-2026-0042" }, _api.NewKey());
        Assert.True(invalidated.IsSuccessStatusCode, await invalidated.Content.ReadAsStringAsync());

        var after = await PledgeAsync(bank, pledge.PledgeId);
        Assert.Null(after.Sale);
        Assert.Equal([number], after.InvalidatedPatents);
        Assert.Equal(PledgeStatus.Enforcing, after.Status);
        await (await buyerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        // Nothing is left to sell: a new sale of the pledge's patents is refused.
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 80_000m }, _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        var patent = await (await op.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind == EncumbranceKind.PendingTransfer);
        Assert.Equal(2_000_000m, await AvailableAsync(buyer));
    }
}
