using System.Net;
using System.Text.Json;
using Exchange.Api.Ledger;
using Exchange.Api.Licenses;
using Exchange.Api.Listings;
using Exchange.Api.Patents;
using Exchange.Api.Pledges;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>Pledge financing over HTTP (domain.md §6), on a fake business clock of its own: months of a loan pass in a test.</summary>
public sealed class PledgeJourneyTests : IAsyncLifetime
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

    private object Application(Guid bank, string[] numbers, Guid[]? licences = null, decimal principal = 1_000_000m, decimal appraised = 2_400_000m, int months = 12,
        bool riskAcknowledged = false) => PledgeSteps.Application(Today, bank, numbers, licences, principal, appraised, months, riskAcknowledged);

    private async Task<PledgeResponse> AppliedAsync(HttpClient applicant, object application)
    {
        var applied = await applicant.PostCommandAsync("/api/pledges", application, _api.NewKey());
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        return await applied.ReadAsync<PledgeResponse>();
    }

    private Task<PledgeResponse> RegisteredAsync(HttpClient bankClient, HttpClient ownerClient, object application) =>
        PledgeSteps.RegisteredAsync(_api, bankClient, ownerClient, application);

    private static Task<PledgeResponse> OkAsync(Task<HttpResponseMessage> command) => PledgeSteps.OkAsync(command);

    /// <summary>The bank keeps its collateral in force: it pays the patent's next annual fee, as a pledgee may.</summary>
    private Task PayNextFeeAsync(HttpClient payer, string number) => PledgeSteps.PayNextFeeAsync(_api, payer, number);

    private async Task<PledgeResponse> PledgeAsync(HttpClient client, Guid pledgeId) => await (await client.GetAsync($"/api/pledges/{pledgeId}")).ReadAsync<PledgeResponse>();

    private Task<decimal> AvailableAsync(Guid participant) => PledgeSteps.AvailableAsync(_api, participant);

    private void AdvanceTo(DateOnly day) => PledgeSteps.AdvanceTo(_clock, day);

    private Task TickAsync(Guid pledgeId) => PledgeSteps.TickAsync(_api, pledgeId);

    [Fact]
    public async Task BankRegistersPledgeOnLicensedPatent_SaleRefused_LoanDefaults_RoyaltiesSweptToBank_ArrearsPaidCureIt()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var licensee = await _api.RegisterAsync("Licensee");
        var buyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(licensee, 500_000m);
        await _api.DepositAsync(owner, 400_000m);
        await _api.DepositAsync(buyer, 2_000_000m);
        var ownerClient = await _api.ClientForAsync(owner);
        var bankClient = await _api.ClientForAsync(bank);
        using var agencyClient = await _api.ClientForAsync(agency);
        var licenseeClient = await _api.ClientForAsync(licensee);
        using var buyerClient = await _api.ClientForAsync(buyer);

        // The patent is licensed before it is pledged: the licence binds the pledgee too.
        var offer = await (await licenseeClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "license", licenseTerms = ListingsApiTests.OrdinaryTerms, expiresOn = Today.AddDays(10) }, _api.NewKey())).ReadAsync<OfferResponse>();
        (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, _api.NewKey())).EnsureSuccessStatusCode();
        var licence = await (await licenseeClient.PostCommandAsync("/api/licenses", new { listingId, offerId = offer.OfferId, start = Today }, _api.NewKey())).ReadAsync<LicenseResponse>();
        var licenceStart = Today;

        var pledge = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number], [licence.LicenseId]));
        Assert.Equal(PledgeStatus.Registered, pledge.Status);
        Assert.Equal(12, pledge.Schedule.Count);
        Assert.Equal(85_309.90m, pledge.Schedule[0].Payment);
        Assert.Equal(1_000_000m, pledge.Schedule.Sum(i => i.Principal));
        var patent = await (await ownerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Contains(new Encumbrance(EncumbranceKind.Pledge, $"pledge:{pledge.PledgeId:N}"), patent.Encumbrances);

        // The owner's attempt to sell is refused, naming the pledge; so is an open-licence declaration.
        var purchase = await (await buyerClient.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_200_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        var refusal = await (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{purchase.OfferId}/accept", null, _api.NewKey())).AssertProblemAsync(422, "patent-pledged");
        Assert.Contains(pledge.PledgeId.ToString(), refusal.GetProperty("detail").GetString());
        var openTerms = new { terms = new { type = "ordinary", territories = new[] { "CN" }, fields = new[] { "H10K" }, termMonths = 12, upfrontFee = 1m, royaltyRatePercent = 1m, minimumAnnualRoyalty = 0m } };
        await (await ownerClient.PostCommandAsync($"/api/patents/{number}/open-license", openTerms, _api.NewKey())).AssertProblemAsync(422, "patent-pledged");

        // The first instalment is paid; the second and third are not, past the 30 grace days.
        AdvanceTo(pledge.Schedule[0].DueOn);
        ownerClient = await _api.ClientForAsync(owner);
        bankClient = await _api.ClientForAsync(bank);
        var repayKey = _api.NewKey();
        var repaid = await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 85_309.90m }, repayKey)).ReadAsync<PledgeResponse>();
        var repeat = await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 85_309.90m }, repayKey);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(1, (await repeat.ReadAsync<PledgeResponse>()).Standing!.InstalmentsPaid);
        Assert.Equal(1, repaid.Standing!.InstalmentsPaid);
        Assert.Equal(85_309.90m, await AvailableAsync(bank));
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/default", null, _api.NewKey())).AssertProblemAsync(422, "loan-not-in-default");

        AdvanceTo(licenceStart.AddDays(95));
        ownerClient = await _api.ClientForAsync(owner);
        bankClient = await _api.ClientForAsync(bank);
        licenseeClient = await _api.ClientForAsync(licensee);
        using var op = await _api.OperatorAsync();
        await TickAsync(pledge.PledgeId);
        var defaulted = await PledgeAsync(bankClient, pledge.PledgeId);
        Assert.Equal(PledgeStatus.RoyaltiesSwept, defaulted.Status);
        Assert.True(defaulted.Standing!.InDefault);
        Assert.Equal(Today, defaulted.DefaultedOn);

        // The licensee's royalty now goes to the bank, and counts as repayment.
        var ownerBefore = await AvailableAsync(owner);
        var invoice = await (await licenseeClient.PostCommandAsync($"/api/licenses/{licence.LicenseId}/royalty-reports", new { periodIndex = 0, netSales = 2_000_000m }, _api.NewKey())).ReadAsync<RoyaltyInvoiceResponse>();
        Assert.Equal(70_000m, invoice.Royalty);
        (await licenseeClient.PostCommandAsync($"/api/licenses/{licence.LicenseId}/royalty-reports/0/payment", null, _api.NewKey())).EnsureSuccessStatusCode();
        Assert.Equal(85_309.90m + 70_000m, await AvailableAsync(bank));
        Assert.Equal(ownerBefore, await AvailableAsync(owner));
        var credited = await PledgeAsync(bankClient, pledge.PledgeId);
        Assert.Equal(85_309.90m + 70_000m, credited.Repaid);
        Assert.Equal(PledgeStatus.RoyaltiesSwept, credited.Status);

        // The owner pays the rest of the arrears: the loan performs again and the sweep ends.
        var cured = await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = credited.Standing!.Arrears }, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Registered, cured.Status);
        Assert.Equal(0m, cured.Standing!.Arrears);
        var audit = await (await op.GetAsync($"/api/audit/license:{licence.LicenseId:N}")).Content.ReadAsStringAsync();
        Assert.Contains("royalties-unassigned", audit);

        // Nothing more is paid: the loan defaults again, and the bank enforces by a sale the operator approves.
        AdvanceTo(Today.AddDays(70));
        bankClient = await _api.ClientForAsync(bank);
        var buyerAgain = await _api.ClientForAsync(buyer);
        var operatorAgain = await _api.OperatorAsync();
        await TickAsync(pledge.PledgeId);
        var again = await PledgeAsync(bankClient, pledge.PledgeId);
        Assert.Equal(PledgeStatus.RoyaltiesSwept, again.Status);
        var sweptAgain = await (await operatorAgain.GetAsync($"/api/audit/license:{licence.LicenseId:N}")).Content.ReadAsStringAsync();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(sweptAgain, "\"royalties-assigned").Count);
        await (await buyerAgain.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 1_200_000m }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = owner, price = 1_200_000m }, _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        var enforcing = await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 1_200_000m }, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Enforcing, enforcing.Status);
        await PayNextFeeAsync(bankClient, number);
        await (await buyerAgain.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        var approved = await OkAsync(operatorAgain.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));
        Assert.Equal(Today.AddDays(EnforcementSale.PaymentDays), approved.Sale!.PayBy);

        var bankBefore = await AvailableAsync(bank);
        var ownerBeforeSale = await AvailableAsync(owner);
        var payKey = _api.NewKey();
        var closed = await (await buyerAgain.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, payKey)).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Closed, (await (await buyerAgain.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, payKey)).ReadAsync<PledgeResponse>()).Status);
        Assert.Equal(PledgeStatus.Closed, closed.Status);
        var toBank = await AvailableAsync(bank) - bankBefore;
        var toOwner = await AvailableAsync(owner) - ownerBeforeSale;
        Assert.Equal(1_200_000m, toBank + toOwner);
        Assert.Equal(closed.Sale!.ToPledgee, toBank);
        Assert.Equal(closed.Sale.ToPledgors, toOwner);
        Assert.True(toBank > again.Standing!.OutstandingPrincipal, "the bank is paid its principal and the interest owed");
        Assert.Equal(0m, closed.Shortfall);
        var sold = await (await buyerAgain.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Equal([new OwnerShareResponse(buyer, 100m)], sold.Owners);
        Assert.DoesNotContain(sold.Encumbrances, e => e.Kind == EncumbranceKind.Pledge);
        Assert.True((await (await operatorAgain.GetAsync("/api/ledger/trial-balance")).ReadAsync<TrialBalanceResponse>()).IsBalanced);
    }

    [Fact]
    public async Task EnforcementAtALowPrice_LeavesAShortfall_AndAnApprovedSaleUnpaidFor30Days_Lapses()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        var slowBuyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(bank, 50_000m);
        await _api.DepositAsync(buyer, 1_000_000m);
        var pledge = await RegisteredAsync(await _api.ClientForAsync(bank), await _api.ClientForAsync(owner), Application(bank, [number]));
        AdvanceTo(pledge.Schedule[1].DueOn.AddDays(5));
        var bankClient = await _api.ClientForAsync(bank);
        var op = await _api.OperatorAsync();
        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/default", null, _api.NewKey())).EnsureSuccessStatusCode();
        Assert.Equal(PledgeStatus.Defaulted, (await PledgeAsync(bankClient, pledge.PledgeId)).Status);

        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = slowBuyer, price = 700_000m }, _api.NewKey())).EnsureSuccessStatusCode();
        await (await (await _api.ClientForAsync(buyer)).PostCommandAsync($"/api/patents/{number}/annual-fees", new { patentYear = 3 }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await PayNextFeeAsync(bankClient, number);
        await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 600_000m }, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
        AdvanceTo(Today.AddDays(EnforcementSale.PaymentDays + 1));
        await TickAsync(pledge.PledgeId);
        bankClient = await _api.ClientForAsync(bank);
        op = await _api.OperatorAsync();
        Assert.Null((await PledgeAsync(bankClient, pledge.PledgeId)).Sale);
        var patent = await (await bankClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind == EncumbranceKind.PendingTransfer);

        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 600_000m }, _api.NewKey())).EnsureSuccessStatusCode();
        var bankAfterFee = await AvailableAsync(bank);
        await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));
        var closed = await (await (await _api.ClientForAsync(buyer)).PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Closed, closed.Status);
        Assert.Equal((600_000m, 0m), (closed.Sale!.ToPledgee!.Value, closed.Sale.ToPledgors!.Value));
        // Owed: the whole principal (nothing was repaid), the interest of every instalment overdue, and 4.35% a year
        // over 360 days on the principal from the last due date to today.
        var overdue = closed.Schedule.Where(i => i.DueOn < Today).ToArray();
        var accrued = Math.Round(1_000_000m * 0.0435m * (Today.DayNumber - overdue[^1].DueOn.DayNumber) / 360m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(1_000_000m + overdue.Sum(i => i.Interest) + accrued - 600_000m, closed.Shortfall);
        Assert.Equal(600_000m, await AvailableAsync(bank) - bankAfterFee);
        Assert.Equal(0m, await AvailableAsync(owner));
    }

    [Fact]
    public async Task RegistrationRefused_WithoutTheOwnersSignature_AboveTheValueCap_AndOnAPatentPledgedAlready()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var otherBank = await _api.RegisterAsync("Pledgee");
        using var ownerClient = await _api.ClientForAsync(owner);
        using var bankClient = await _api.ClientForAsync(bank);
        using var otherBankClient = await _api.ClientForAsync(otherBank);
        using var op = await _api.OperatorAsync();

        // A party without domicile in China acts through a Chinese patent agency, which holds a power of attorney.
        var agencyId = await _api.RegisterAsync("Agency");
        var foreign = JsonSerializer.SerializeToNode(Application(bank, [number]), Json.Options)!.AsObject();
        foreign["foreignPartyWithoutDomicile"] = true;
        await (await ownerClient.PostRawAsync("/api/pledges", foreign.ToJsonString(), _api.NewKey())).AssertProblemAsync(400, "pledge-document-missing");
        foreign["agentId"] = bank.ToString();
        foreign["documents"]!["powerOfAttorney"] = "POA-2026-0031";
        await (await ownerClient.PostRawAsync("/api/pledges", foreign.ToJsonString(), _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        foreign["agentId"] = agencyId.ToString();
        foreign["documents"]!.AsObject().Remove("powerOfAttorney");
        await (await ownerClient.PostRawAsync("/api/pledges", foreign.ToJsonString(), _api.NewKey())).AssertProblemAsync(400, "pledge-document-missing");

        var notABank = await _api.RegisterAsync("Investor");
        await (await ownerClient.PostCommandAsync("/api/pledges", Application(notABank, [number]), _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        await (await ownerClient.PostCommandAsync("/api/pledges", Application(Guid.NewGuid(), [number]), _api.NewKey())).AssertProblemAsync(404, "participant-not-found");

        // Above the cap: 50% of 1,000,000 is 500,000; the loan is 1,000,000. And the owner has not signed.
        var pledge = await AppliedAsync(bankClient, Application(bank, [number], appraised: 1_000_000m));
        Assert.Equal(PledgeStatus.Applied, pledge.Status);
        Assert.True(pledge.DecideBy > Today);
        var unsigned = await (await op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/registration", null, _api.NewKey())).AssertProblemAsync(422, "co-owner-consent-missing");
        Assert.Contains("1 more reason", unsigned.GetProperty("detail").GetString());
        (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/signature", null, _api.NewKey())).EnsureSuccessStatusCode();
        await (await op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/registration", null, _api.NewKey())).AssertProblemAsync(422, "loan-above-value-cap");
        Assert.Equal(PledgeStatus.UnderReview, (await PledgeAsync(bankClient, pledge.PledgeId)).Status);

        // The patent is held from the application on: a second bank's application is refused, naming the first pledge.
        var second = await (await otherBankClient.PostCommandAsync("/api/pledges", Application(otherBank, [number]), _api.NewKey())).AssertProblemAsync(422, "patent-already-pledged");
        Assert.Contains(pledge.PledgeId.ToString(), second.GetProperty("detail").GetString());

        // The operator refuses: the review's reasons are recorded with the note, and the patent is free again.
        var refused = await (await op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/refusal", new { note = "loan exceeds the cap" }, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Refused, refused.Status);
        Assert.Contains(refused.Refusals, r => r.Type == "loan-above-value-cap");
        var patent = await (await ownerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind == EncumbranceKind.Pledge);
        Assert.Equal(HttpStatusCode.Created, (await otherBankClient.PostCommandAsync("/api/pledges", Application(otherBank, [number]), _api.NewKey())).StatusCode);
        await (await op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/registration", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
    }

    [Fact]
    public async Task EarlyRepayment_RecomputesTheSchedule_AndRepayingEverythingReleasesThePledge()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        await _api.DepositAsync(owner, 1_200_000m);
        var ownerClient = await _api.ClientForAsync(owner);
        using var bankClient = await _api.ClientForAsync(bank);
        var pledge = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number], principal: 1_000_000m));

        AdvanceTo(pledge.Schedule[0].DueOn);
        ownerClient = await _api.ClientForAsync(owner);
        (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = pledge.Schedule[0].Payment }, _api.NewKey())).EnsureSuccessStatusCode();
        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(10));
        ownerClient = await _api.ClientForAsync(owner);
        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/early-repayments", new { amount = 2_000_000m }, _api.NewKey())).AssertProblemAsync(400, "invalid-amount");
        var early = await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/early-repayments", new { amount = 500_000m }, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(500_000m, early.Prepaid);
        Assert.Equal(12, early.Schedule.Count);
        Assert.Equal(pledge.Schedule[1].DueOn, early.Schedule[1].DueOn);
        Assert.True(early.Schedule[1].Payment < pledge.Schedule[1].Payment);
        Assert.Equal(1_000_000m - 500_000m, early.Schedule.Sum(i => i.Principal));
        Assert.Equal(early.Schedule[0].BalanceAfter - 500_000m, early.Standing!.OutstandingPrincipal);

        // Ten days after the due date, the early principal also pays ten days' interest: 500,000 × 4.35% × 10 / 360 = 604.17.
        Assert.Equal(pledge.Schedule[0].Payment + 500_000m + 604.17m, await AvailableAsync(bank));

        var rest = early.Standing.OutstandingPrincipal;
        var released = await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/early-repayments", new { amount = rest }, _api.NewKey())).ReadAsync<PledgeResponse>();
        Assert.Equal(PledgeStatus.Released, released.Status);
        var restInterest = Math.Round(rest * 0.0435m * 10 / 360, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(pledge.Schedule[0].Payment + 500_000m + 604.17m + rest + restInterest, await AvailableAsync(bank));
        var patent = await (await ownerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind == EncumbranceKind.Pledge);
        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 1m }, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
    }

    [Fact]
    public async Task TenCopiesOfOneRepayment_PayOnce_AndARepaymentWithoutFunds_Is422WithNothingRecorded()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        await _api.DepositAsync(owner, 100_000m);
        using var ownerClient = await _api.ClientForAsync(owner);
        using var bankClient = await _api.ClientForAsync(bank);
        var pledge = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number]));

        var key = _api.NewKey();
        var copies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 60_000m }, key)));
        foreach (var copy in copies)
        {
            Assert.True(copy.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, await copy.Content.ReadAsStringAsync());
        }
        Assert.Equal(60_000m, await AvailableAsync(bank));
        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 60_000m }, _api.NewKey())).AssertProblemAsync(422, "insufficient-funds");
        var after = await PledgeAsync(ownerClient, pledge.PledgeId);
        Assert.Equal(60_000m, after.Repaid);
        Assert.False(after.PaymentPending);
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = 1m }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task PledgeeConsentsToALicence_ThatLicenceIsGrantedAndFiled_OthersStayRefused()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var consented = await _api.RegisterAsync("Licensee");
        var other = await _api.RegisterAsync("Licensee");
        await _api.DepositAsync(consented, 100_000m);
        await _api.DepositAsync(other, 100_000m);
        using var ownerClient = await _api.ClientForAsync(owner);
        using var bankClient = await _api.ClientForAsync(bank);
        using var agencyClient = await _api.ClientForAsync(agency);
        using var op = await _api.OperatorAsync();
        var pledge = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number]));

        await (await ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license", counterparty = consented }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        await (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license" }, _api.NewKey())).AssertProblemAsync(400, "invalid-input");
        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/consents", new { kind = "license", counterparty = consented }, _api.NewKey())).EnsureSuccessStatusCode();

        async Task<HttpResponseMessage> LicenceAsync(Guid licensee)
        {
            using var client = await _api.ClientForAsync(licensee);
            var offer = await (await client.PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "license", licenseTerms = ListingsApiTests.OrdinaryTerms, expiresOn = Today.AddDays(10) }, _api.NewKey())).ReadAsync<OfferResponse>();
            (await agencyClient.PostCommandAsync($"/api/listings/{listingId}/offers/{offer.OfferId}/accept", null, _api.NewKey())).EnsureSuccessStatusCode();
            return await client.PostCommandAsync("/api/licenses", new { listingId, offerId = offer.OfferId, start = Today }, _api.NewKey());
        }

        await (await LicenceAsync(other)).AssertProblemAsync(422, "patent-pledged");
        var granted = await LicenceAsync(consented);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var licence = await granted.ReadAsync<LicenseResponse>();
        Assert.Equal(HttpStatusCode.OK, (await op.PostCommandAsync($"/api/licenses/{licence.LicenseId}/filing", new { filingReference = "CNIPA-BA-1" }, _api.NewKey())).StatusCode);
    }

    [Fact]
    public async Task BankPortfolio_ShowsOutstandingNextDueAndLtv_OnlyToTheBank_AndTheReviewQueueShowsDeadlines()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var (owner2, _, number2, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        using var ownerClient = await _api.ClientForAsync(owner);
        using var owner2Client = await _api.ClientForAsync(owner2);
        using var bankClient = await _api.ClientForAsync(bank);
        var op = await _api.OperatorAsync();
        var registered = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number]));
        var waiting = await AppliedAsync(owner2Client, Application(bank, [number2], principal: 600_000m));

        var portfolio = await (await bankClient.GetAsync("/api/pledges/portfolio?limit=1")).ReadAsync<PortfolioPageResponse>();
        Assert.Single(portfolio.Items);
        Assert.NotNull(portfolio.NextCursor);
        var next = await (await bankClient.GetAsync($"/api/pledges/portfolio?limit=1&after={portfolio.NextCursor}")).ReadAsync<PortfolioPageResponse>();
        var items = portfolio.Items.Concat(next.Items).ToDictionary(i => i.PledgeId);
        Assert.Equal(1_000_000m, items[registered.PledgeId].OutstandingPrincipal);
        Assert.Equal(registered.Schedule[0].DueOn, items[registered.PledgeId].NextDueOn);
        Assert.Equal(41.67m, items[registered.PledgeId].LoanToValuePercent); // 1,000,000 ÷ 2,400,000
        Assert.Equal(0, items[registered.PledgeId].DaysPastDue);
        Assert.Null(items[waiting.PledgeId].NextDueOn);

        await (await ownerClient.GetAsync($"/api/pledges/portfolio?pledgee={bank}")).AssertProblemAsync(403, "forbidden");
        await (await ownerClient.GetAsync($"/api/pledges/{waiting.PledgeId}")).AssertProblemAsync(403, "forbidden");
        await (await ownerClient.GetAsync("/api/pledges/review-queue")).AssertProblemAsync(403, "forbidden");
        var mine = await (await owner2Client.GetAsync("/api/pledges?as=pledgor")).Content.ReadAsStringAsync();
        Assert.Contains(waiting.PledgeId.ToString("N"), mine);
        Assert.DoesNotContain(registered.PledgeId.ToString("N"), mine);

        var queue = await (await op.GetAsync("/api/pledges/review-queue")).ReadAsync<ReviewQueuePageResponse>();
        var queued = Assert.Single(queue.Items, i => i.PledgeId == waiting.PledgeId);
        Assert.Equal(ReviewDeadline.DecideBy(Today, ApplicationChannel.Online), queued.DecideBy);
        Assert.False(queued.ReviewOverdue);
        AdvanceTo(queued.DecideBy.AddDays(1));
        await TickAsync(waiting.PledgeId);
        op = await _api.OperatorAsync();
        var late = await (await op.GetAsync("/api/pledges/review-queue")).ReadAsync<ReviewQueuePageResponse>();
        Assert.True(Assert.Single(late.Items, i => i.PledgeId == waiting.PledgeId).ReviewOverdue);
        var trail = await (await op.GetAsync($"/api/audit/pledge:{waiting.PledgeId:N}")).Content.ReadAsStringAsync();
        Assert.Contains("review-deadline-missed", trail);
    }

    [Fact]
    public async Task ThePledgorRedeemsDuringEnforcement_ThePledgeIsReleased_AndTheApprovedSaleLetsGoOfThePatent()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(owner, 1_200_000m);
        var pledge = await RegisteredAsync(await _api.ClientForAsync(bank), await _api.ClientForAsync(owner), Application(bank, [number], principal: 300_000m, months: 3));
        AdvanceTo(pledge.Schedule[0].DueOn.AddDays(31));
        var bankClient = await _api.ClientForAsync(bank);
        var ownerClient = await _api.ClientForAsync(owner);
        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/default", null, _api.NewKey())).EnsureSuccessStatusCode();
        (await bankClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement", new { buyerId = buyer, price = 500_000m }, _api.NewKey())).EnsureSuccessStatusCode();
        await PayNextFeeAsync(ownerClient, number);
        await OkAsync((await _api.OperatorAsync()).PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/approval", null, _api.NewKey()));

        var enforcing = await PledgeAsync(ownerClient, pledge.PledgeId);
        var everything = enforcing.Schedule.Sum(i => i.Payment) - enforcing.Repaid;
        var released = await OkAsync(ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/repayments", new { amount = everything }, _api.NewKey()));
        Assert.Equal(PledgeStatus.Released, released.Status);
        Assert.Null(released.Sale);
        var patent = await (await ownerClient.GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.DoesNotContain(patent.Encumbrances, e => e.Kind is EncumbranceKind.Pledge or EncumbranceKind.PendingTransfer);
        await (await (await _api.ClientForAsync(buyer)).PostCommandAsync($"/api/pledges/{pledge.PledgeId}/enforcement/payment", null, _api.NewKey())).AssertProblemAsync(409, "invalid-transition");
    }

    [Fact]
    public async Task ABankApplyingAlone_HoldsThePatentOnlyUntilTheProvisionalHoldLapses_ThePledgorsSignatureHoldsIt()
    {
        var (owner, _, number, _) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var otherBank = await _api.RegisterAsync("Pledgee");
        var unsigned = await AppliedAsync(await _api.ClientForAsync(bank), Application(bank, [number]));
        await (await (await _api.ClientForAsync(otherBank)).PostCommandAsync("/api/pledges", Application(otherBank, [number]), _api.NewKey())).AssertProblemAsync(422, "patent-already-pledged");

        // Eleven minutes later the owner has not signed: the first bank's hold has lapsed and it locks nothing.
        _clock.Advance(TimeSpan.FromMinutes(11));
        var second = await AppliedAsync(await _api.ClientForAsync(otherBank), Application(otherBank, [number]));
        (await (await _api.ClientForAsync(owner)).PostCommandAsync($"/api/pledges/{second.PledgeId}/signature", null, _api.NewKey())).EnsureSuccessStatusCode();

        // Signed by the owner, the second pledge holds the patent for good; the first one's review names it.
        _clock.Advance(TimeSpan.FromMinutes(11));
        var patent = await (await (await _api.ClientForAsync(owner)).GetAsync($"/api/patents/{number}")).ReadAsync<PatentResponse>();
        Assert.Contains(new Encumbrance(EncumbranceKind.Pledge, $"pledge:{second.PledgeId:N}"), patent.Encumbrances);
        (await (await _api.ClientForAsync(owner)).PostCommandAsync($"/api/pledges/{unsigned.PledgeId}/signature", null, _api.NewKey())).EnsureSuccessStatusCode();
        var refusal = await (await (await _api.OperatorAsync()).PostCommandAsync($"/api/pledges/{unsigned.PledgeId}/registration", null, _api.NewKey())).AssertProblemAsync(422, "patent-already-pledged");
        Assert.Contains(second.PledgeId.ToString(), refusal.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task APreservationOrderFreezesThePatent_AndAPendingInvalidationRequestNeedsThePledgorsAcknowledgement()
    {
        var (owner, agency, number, listingId) = await ListingsApiTests.ListedPatentAsync(_api);
        var bank = await _api.RegisterAsync("Pledgee");
        var buyer = await _api.RegisterAsync("Investor");
        await _api.DepositAsync(buyer, 2_000_000m);
        var ownerClient = await _api.ClientForAsync(owner);
        var bankClient = await _api.ClientForAsync(bank);
        using var op = await _api.OperatorAsync();

        await (await ownerClient.PostCommandAsync($"/api/patents/{number}/preservation-order", new { courtReference = "(2026) Jing 73 Zhi Bao 118" }, _api.NewKey())).AssertProblemAsync(403, "forbidden");
        var frozen = await (await op.PostCommandAsync($"/api/patents/{number}/preservation-order", new { courtReference = "(2026) Jing 73 Zhi Bao 118" }, _api.NewKey())).ReadAsync<PatentResponse>();
        Assert.Contains(new Encumbrance(EncumbranceKind.PreservationOrder, "(2026) Jing 73 Zhi Bao 118"), frozen.Encumbrances);
        await (await bankClient.PostCommandAsync("/api/pledges", Application(bank, [number]), _api.NewKey())).AssertProblemAsync(422, "patent-under-preservation-order");
        var purchase = await (await (await _api.ClientForAsync(buyer)).PostCommandAsync($"/api/listings/{listingId}/offers", new { kind = "purchase", price = 1_200_000m, expiresOn = Today.AddDays(7) }, _api.NewKey())).ReadAsync<OfferResponse>();
        await (await (await _api.ClientForAsync(agency)).PostCommandAsync($"/api/listings/{listingId}/offers/{purchase.OfferId}/accept", null, _api.NewKey())).AssertProblemAsync(422, "patent-under-preservation-order");

        (await op.PostCommandAsync($"/api/patents/{number}/preservation-order", new { courtReference = "(2026) Jing 73 Zhi Bao 118", lifted = true }, _api.NewKey())).EnsureSuccessStatusCode();
        (await op.PostCommandAsync($"/api/patents/{number}/invalidation-request", new { requestReference = "4W118307" }, _api.NewKey())).EnsureSuccessStatusCode();
        var unacknowledged = await AppliedAsync(bankClient, Application(bank, [number]));
        (await ownerClient.PostCommandAsync($"/api/pledges/{unacknowledged.PledgeId}/signature", null, _api.NewKey())).EnsureSuccessStatusCode();
        await (await op.PostCommandAsync($"/api/pledges/{unacknowledged.PledgeId}/registration", null, _api.NewKey())).AssertProblemAsync(422, "invalidation-risk-unacknowledged");
        (await bankClient.PostCommandAsync($"/api/pledges/{unacknowledged.PledgeId}/withdrawal", null, _api.NewKey())).EnsureSuccessStatusCode();

        var acknowledged = await RegisteredAsync(bankClient, ownerClient, Application(bank, [number], riskAcknowledged: true));
        Assert.Equal(PledgeStatus.Registered, acknowledged.Status);
    }
}
