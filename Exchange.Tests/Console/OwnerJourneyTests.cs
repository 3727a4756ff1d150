using Exchange.Api.Ledger;
using Exchange.Api.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// Patent owners' and operating agencies' journeys through the web console in headless Chromium: registering a patent,
/// its fees, a mandate, a listing, offers and counter-offers, and the patent transfer that follows, with its consents and
/// escrow. What only the operator does (granting, confirming a registration) is set up through the API. Every page visited
/// is checked with axe-core; with EXCHANGE_SCREENSHOTS=1 the main views are photographed to docs/screenshots.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class OwnerJourneyTests(BrowserFixture browser)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private ConsoleServer Server => browser.Server;

    static OwnerJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task AnOwner_RegistersAPatentAfterTheSuggestedCheckCharacter_PaysItsReducedLateFee_AndItsAgencyListsIt()
    {
        var owner = await SmallEntityOwnerAsync();
        await Server.DepositAsync(owner, 5_000m);
        var agency = await Server.RegisterAsync("Agency");
        // Filed two years, two months and three days ago; granted on the second anniversary: the year-3 fee is two months late.
        var filed = Today.AddYears(-2).AddMonths(-2).AddDays(-3);
        var number = Api.PatentsApiTests.NewNumber(filed.Year);
        var mistyped = number[..^1] + (number[^1] == '0' ? '1' : '0');
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "登记专利" }).ClickAsync();
        await page.GetByTestId("register-number").Locator("input").FillAsync(mistyped);
        await Expect(page.GetByTestId("register-number-suggestion")).ToContainTextAsync($"校验位应为 {number[^1]}");
        await Expect(page.GetByTestId("register-number-suggestion")).ToContainTextAsync(number);
        await BrowserFixture.AssertAccessibleAsync(page, "registering a patent, a check character suggested");
        await BrowserFixture.ScreenshotAsync(page, "owner-register-patent");
        await page.GetByTestId("register-number-use-suggestion").ClickAsync();
        await Expect(page.GetByTestId("register-number-valid")).ToContainTextAsync("有效的发明申请号");
        await page.GetByTestId("register-title").Locator("input").FillAsync("石榴石型固态电解质锂电池");
        await page.GetByTestId("register-ipc").Locator("input").FillAsync("H01M 10/0562, H01M 10/052");
        await page.GetByTestId("register-filed").FillAsync(filed.ToString("yyyy-MM-dd"));
        await page.GetByTestId("register-inventor").Locator("input").FillAsync("李伟");
        await page.GetByTestId("register-service").CheckAsync();
        await page.GetByTestId("register-submit").ClickAsync();

        await Expect(page.GetByTestId("patent")).ToContainTextAsync(number);
        await Expect(page.GetByTestId("legal-status")).ToHaveTextAsync("审查中");
        await BrowserFixture.AssertAccessibleAsync(page, "a registered application");
        using (var op = await Server.OperatorAsync())
        {
            (await op.PostCommandAsync($"/api/patents/{number}/grant", new { grantDate = filed.AddYears(2) }, Server.NewKey())).EnsureSuccessStatusCode();
            (await op.PostCommandAsync($"/api/patents/{number}/registration-confirmation", new { officeRecord = "CNIPA-" + number }, Server.NewKey())).EnsureSuccessStatusCode();
        }

        // A small entity, sole owner: 85% off the CNY 900 fee, plus 5% of the full fee for each of the two months late.
        await page.ReloadAsync();
        var fee = page.GetByTestId("annual-fee");
        await Expect(page.GetByTestId("fee-year")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("fee-full")).ToHaveTextAsync("¥900.00");
        await Expect(page.GetByTestId("fee-reduction")).ToHaveTextAsync("−¥765.00");
        await Expect(page.GetByTestId("fee-surcharge")).ToHaveTextAsync("¥90.00（逾期 2 个月）");
        await Expect(page.GetByTestId("fee-payable")).ToHaveTextAsync("¥225.00");
        await BrowserFixture.AssertAccessibleAsync(page, "a patent with its annual fee due");
        await BrowserFixture.ScreenshotAsync(page, "owner-patent-fees");
        await page.GetByTestId("pay-fee").ClickAsync();
        await Expect(page.GetByTestId("fee-paid")).ToContainTextAsync("第 3 年度年费已缴纳");
        await Expect(page.GetByTestId("fee-year")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("fee-surcharge")).ToHaveTextAsync("无");
        using (var ownerClient = await Server.ClientForAsync(owner))
        {
            Assert.Equal(5_000m - 225m, (await (await ownerClient.GetAsync($"/api/accounts/{owner}")).ReadAsync<AccountResponse>()).Available);
        }

        await page.GetByTestId("mandate-agency").Locator("input").FillAsync(agency.ToString());
        await page.GetByTestId("mandate-submit").ClickAsync();
        await Expect(page.GetByTestId("mandate-list")).ToContainTextAsync(agency.ToString());
        await BrowserFixture.AssertAccessibleAsync(page, "a patent with its mandate");

        var agencyPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(agencyPage, agency);
        await agencyPage.GotoAsync($"/console/patents/{number}");
        await agencyPage.GetByTestId("list-patent").ClickAsync();
        await Expect(agencyPage.GetByTestId("listing-number-valid")).ToContainTextAsync(number);
        await agencyPage.GetByTestId("listing-price").Locator("input").FillAsync("1200000");
        await agencyPage.GetByTestId("listing-license").CheckAsync();
        await agencyPage.GetByTestId("terms-field").Locator("input").FillAsync("H01M");
        await agencyPage.GetByTestId("terms-upfront").Locator("input").FillAsync("50000");
        await agencyPage.GetByTestId("terms-royalty").Locator("input").FillAsync("3.5");
        await BrowserFixture.AssertAccessibleAsync(agencyPage, "a new listing for sale and licence");
        await BrowserFixture.ScreenshotAsync(agencyPage, "agency-new-listing");
        await agencyPage.GetByTestId("listing-submit").ClickAsync();

        await Expect(agencyPage.GetByTestId("listing-status")).ToHaveTextAsync("挂牌中");
        await Expect(agencyPage.GetByTestId("listing-price")).ToHaveTextAsync("¥1,200,000.00");
        await Expect(agencyPage.GetByTestId("listing-terms")).ToContainTextAsync("普通许可");
        await Expect(agencyPage.GetByTestId("no-offers")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(agencyPage, "a listing without offers");
    }

    [Fact]
    public async Task AnOwner_RegistersAPatentWithACoOwner_IsRefusedSharesThatDoNotAddUp_BesideTheOwners_InEnglish_AndTheCoOwnerConfirms()
    {
        var owner = await Server.RegisterAsync("Owner");
        var coOwner = await Server.RegisterAsync("Owner");
        var filed = Today.AddYears(-1);
        var number = Api.PatentsApiTests.NewNumber(filed.Year);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, owner);
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Register a patent" }).ClickAsync();
        await page.GetByTestId("register-number").Locator("input").FillAsync(number);
        await Expect(page.GetByTestId("register-number-valid")).ToBeVisibleAsync();
        await page.GetByTestId("register-title").Locator("input").FillAsync("Membrane distillation module with a graphene oxide layer");
        await page.GetByTestId("register-ipc").Locator("input").FillAsync("C02F 1/44");
        await page.GetByTestId("register-filed").FillAsync(filed.ToString("yyyy-MM-dd"));
        await page.GetByTestId("register-inventor").Locator("input").FillAsync("Wang Fang");
        await page.GetByTestId("own-share").Locator("input").FillAsync("60");
        await page.GetByTestId("co-owner-add").ClickAsync();
        await page.GetByTestId("co-owner-id").Locator("input").FillAsync(coOwner.ToString());
        await page.GetByTestId("co-owner-share").Locator("input").FillAsync("30");
        await page.GetByTestId("register-submit").ClickAsync();

        // The API's rule, beside the owners: 60% and 30% are not the whole patent.
        await Expect(page.GetByTestId("owner-shares").GetByTestId("error-owners")).ToContainTextAsync("add up to 90%, not 100%");
        await BrowserFixture.AssertAccessibleAsync(page, "a registration refused for its owners' shares, in English");
        using (var ownerClient = await Server.ClientForAsync(owner))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await ownerClient.GetAsync($"/api/patents/{number}")).StatusCode);
        }

        await page.GetByTestId("co-owner-share").Locator("input").FillAsync("40");
        await page.GetByTestId("register-submit").ClickAsync();
        var owners = page.GetByTestId("owners");
        await Expect(owners.GetByRole(AriaRole.Row).Filter(new() { HasText = coOwner.ToString() })).ToContainTextAsync("40.00%");
        await Expect(owners.GetByRole(AriaRole.Row).Filter(new() { HasText = owner.ToString() })).ToContainTextAsync("60.00%");
        await BrowserFixture.AssertAccessibleAsync(page, "a patent registered with a co-owner, in English");
        using var client = await Server.ClientForAsync(owner);
        var patent = await (await client.GetAsync($"/api/patents/{number}")).ReadAsync<Exchange.Api.Patents.PatentResponse>();
        Assert.Equal([(owner, 60m), (coOwner, 40m)], patent.Owners.Select(o => (o.ParticipantId, o.SharePercent)));
        Assert.Equal([owner], patent.OwnershipConfirmedBy);

        // The registration binds its registrant only: the co-owner confirms its ownership on the patent's page.
        var coOwnerPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(coOwnerPage, coOwner);
        await coOwnerPage.GotoAsync($"/console/patents/{number}");
        var coOwnerRow = coOwnerPage.GetByTestId("owners").GetByRole(AriaRole.Row).Filter(new() { HasText = coOwner.ToString() });
        await Expect(coOwnerRow).ToContainTextAsync("否");
        await Expect(coOwnerPage.GetByTestId("ownership-to-confirm")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(coOwnerPage, "a patent whose co-owner has still to confirm its ownership");
        await coOwnerPage.GetByTestId("confirm-ownership").ClickAsync();
        await Expect(coOwnerRow).ToContainTextAsync("是");
        await Expect(coOwnerPage.GetByTestId("ownership-to-confirm")).ToHaveCountAsync(0);
        var confirmed = await (await client.GetAsync($"/api/patents/{number}")).ReadAsync<Exchange.Api.Patents.PatentResponse>();
        Assert.Equal(new[] { owner, coOwner }.Order(), confirmed.OwnershipConfirmedBy.Order());
    }

    [Fact]
    public async Task ABuyerOffers_TheAgencyCounters_TheBuyerAccepts_AndThePatentTransferShowsItsConsentsAndEscrow()
    {
        var (owner, agency, number, _) = await Api.ListingsApiTests.ListedPatentAsync(Server, "C02F 1/44");
        var buyer = await Server.RegisterAsync("Investor");
        await Server.DepositAsync(buyer, 2_000_000m);
        var buyerPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(buyerPage, buyer);

        await buyerPage.GetByRole(AriaRole.Link, new() { Name = "专利导航" }).ClickAsync();
        await buyerPage.GetByTestId("search-ipc").Locator("input").FillAsync("C02F 1/44");
        await buyerPage.GetByTestId("search-submit").ClickAsync();
        await buyerPage.GetByTestId("search-results").GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByTestId("search-listing").ClickAsync();
        await buyerPage.GetByTestId("offer-price").Locator("input").FillAsync("1000000");
        await buyerPage.GetByTestId("offer-submit").ClickAsync();
        await Expect(buyerPage.GetByTestId("offers")).ToContainTextAsync("待运营机构答复");
        await Expect(buyerPage.GetByTestId("offers")).ToContainTextAsync("¥1,000,000.00");
        await BrowserFixture.AssertAccessibleAsync(buyerPage, "a listing with the buyer's offer");

        var agencyPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(agencyPage, agency);
        await agencyPage.GetByRole(AriaRole.Link, new() { Name = "挂牌与报价" }).ClickAsync();
        await agencyPage.GetByTestId("my-listings-as").SelectOptionAsync("agency");
        await Expect(agencyPage.GetByTestId("my-listings")).ToContainTextAsync("挂牌中");
        await Expect(agencyPage.GetByTestId("my-listings-item")).ToHaveTextAsync($"{number}：出售价 ¥1,200,000.00、普通许可");
        await BrowserFixture.AssertAccessibleAsync(agencyPage, "the agency's listings");
        await agencyPage.GetByTestId("my-listings-item").First.ClickAsync();
        await agencyPage.GetByTestId("counter-price").Locator("input").FillAsync("1100000");
        await agencyPage.GetByTestId("counter-submit").ClickAsync();
        await Expect(agencyPage.GetByTestId("offers")).ToContainTextAsync("已还价");
        await Expect(agencyPage.GetByTestId("offers")).ToContainTextAsync("¥1,100,000.00");
        await BrowserFixture.AssertAccessibleAsync(agencyPage, "a listing with a counter-offer");
        await BrowserFixture.ScreenshotAsync(agencyPage, "agency-listing-offers");

        await buyerPage.ReloadAsync();
        await buyerPage.GetByTestId("accept-offer").ClickAsync();
        await Expect(buyerPage.GetByTestId("offers")).ToContainTextAsync("已接受");
        await Expect(buyerPage.GetByTestId("listing-status")).ToHaveTextAsync("已成交");
        await buyerPage.GetByTestId("offer-transfer").ClickAsync();
        await Expect(buyerPage.GetByTestId("transfer-status")).ToHaveTextAsync("待同意");
        await Expect(buyerPage.GetByTestId("transfer-price")).ToHaveTextAsync("¥1,100,000.00");
        await Expect(buyerPage.GetByTestId("sellers")).ToContainTextAsync("待同意");

        // Before every owner consents, the escrow is refused: the API's problem is shown by the button.
        await buyerPage.GetByTestId("escrow").ClickAsync();
        var refusal = buyerPage.GetByTestId("escrow-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "consent-missing");
        await Expect(refusal).ToContainTextAsync("尚未获得全体权利人的同意");
        await Expect(refusal).ToContainTextAsync("awaits a co-owner's consent");
        await BrowserFixture.AssertAccessibleAsync(buyerPage, "a refused escrow");

        var ownerPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(ownerPage, owner);
        await ownerPage.GetByRole(AriaRole.Link, new() { Name = "专利转让" }).ClickAsync();
        await ownerPage.GetByTestId("patent-transfers-as").SelectOptionAsync("seller");
        await BrowserFixture.AssertAccessibleAsync(ownerPage, "the owner's patent transfers");
        await Expect(ownerPage.GetByTestId("patent-transfers-item")).ToHaveTextAsync($"{number}，转让价 ¥1,100,000.00");
        await ownerPage.GetByTestId("patent-transfers-item").ClickAsync();
        await ownerPage.GetByTestId("consent").ClickAsync();
        await Expect(ownerPage.GetByTestId("transfer-status")).ToHaveTextAsync("已同意");
        await Expect(ownerPage.GetByTestId("sellers")).ToContainTextAsync("已同意");

        await buyerPage.ReloadAsync();
        await buyerPage.GetByTestId("escrow").ClickAsync();
        await Expect(buyerPage.GetByTestId("transfer-status")).ToHaveTextAsync("资金已托管");
        await Expect(buyerPage.GetByTestId("transfer-escrow")).ToContainTextAsync("¥1,100,000.00 已托管");
        await BrowserFixture.AssertAccessibleAsync(buyerPage, "a patent transfer with its funds in escrow");
        await BrowserFixture.ScreenshotAsync(buyerPage, "buyer-patent-transfer-escrow");
        using var buyerClient = await Server.ClientForAsync(buyer);
        Assert.Equal(1_100_000m, (await (await buyerClient.GetAsync($"/api/accounts/{buyer}")).ReadAsync<AccountResponse>()).Reserved);
    }

    [Fact]
    public async Task ALicensee_OffersForALicence_IsRefusedAnExpiredDateBesideItsField_TheAgencyCountersWithOtherTerms_TheLicenseeAcceptsAndSignsTheLicence()
    {
        var (_, agency, number, listingId) = await Api.ListingsApiTests.ListedPatentAsync(Server, "H01L 31/04");
        var licensee = await Server.RegisterAsync("Licensee");
        // Signing the licence collects its upfront fee.
        await Server.DepositAsync(licensee, 100_000m);
        var licenseePage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(licenseePage, licensee);

        await licenseePage.GotoAsync($"/console/listings/{listingId}");
        await licenseePage.GetByTestId("offer-kind").SelectOptionAsync("license");
        var offerForm = licenseePage.GetByTestId("offer-form");
        // The form starts from the listing's asking terms; the licensee offers a lower royalty.
        await Expect(offerForm.GetByTestId("terms-field").Locator("input")).ToHaveValueAsync("H10K");
        await offerForm.GetByTestId("terms-royalty").Locator("input").FillAsync("3");
        await offerForm.GetByTestId("offer-expires").FillAsync(Today.ToString("yyyy-MM-dd"));
        await offerForm.GetByTestId("offer-submit").ClickAsync();
        // The API's message for the date, beside the date.
        await Expect(offerForm.GetByTestId("error-expiresOn")).ToContainTextAsync("expires after today");
        await BrowserFixture.AssertAccessibleAsync(licenseePage, "a licence offer refused for its date");
        await offerForm.GetByTestId("offer-expires").FillAsync(Today.AddDays(14).ToString("yyyy-MM-dd"));
        await offerForm.GetByTestId("offer-submit").ClickAsync();
        var licenseeOffers = licenseePage.GetByTestId("offers");
        await Expect(licenseeOffers).ToContainTextAsync("待运营机构答复");
        await Expect(licenseeOffers).ToContainTextAsync("普通许可，CN，领域 H10K，36 个月，入门费 ¥30,000.00，提成 3%");
        await BrowserFixture.AssertAccessibleAsync(licenseePage, "a listing with the licensee's licence offer");

        var agencyPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(agencyPage, agency);
        await agencyPage.GotoAsync($"/console/listings/{listingId}");
        var counter = agencyPage.GetByTestId("counter-form");
        // The counter-offer starts from the offered terms: the agency asks a higher royalty over a shorter term.
        await Expect(counter.GetByTestId("terms-royalty").Locator("input")).ToHaveValueAsync("3");
        await counter.GetByTestId("terms-royalty").Locator("input").FillAsync("4.5");
        // The API judges the terms as a whole: its refusal of a term of no months shows within the terms.
        await counter.GetByTestId("terms-months").Locator("input").FillAsync("0");
        await counter.GetByTestId("counter-submit").ClickAsync();
        await Expect(counter.GetByTestId("license-terms").GetByTestId("error-licenseTerms")).ToContainTextAsync("1–480 months");
        await counter.GetByTestId("terms-months").Locator("input").FillAsync("24");
        await BrowserFixture.AssertAccessibleAsync(agencyPage, "a licence offer with its counter-offer form");
        await counter.GetByTestId("counter-submit").ClickAsync();
        var agencyOffers = agencyPage.GetByTestId("offers");
        await Expect(agencyOffers).ToContainTextAsync("已还价");
        await Expect(agencyOffers).ToContainTextAsync("普通许可，CN，领域 H10K，24 个月，入门费 ¥30,000.00，提成 4.5%");

        await licenseePage.ReloadAsync();
        await Expect(licenseeOffers).ToContainTextAsync("24 个月");
        await licenseePage.GetByTestId("accept-offer").ClickAsync();
        await Expect(licenseeOffers).ToContainTextAsync("已接受");
        // An ordinary licence may be granted again: the listing stays open.
        await Expect(licenseePage.GetByTestId("listing-status")).ToHaveTextAsync("挂牌中");
        await BrowserFixture.AssertAccessibleAsync(licenseePage, "an accepted licence counter-offer");

        using var client = await Server.ClientForAsync(licensee);
        var listing = await (await client.GetAsync($"/api/listings/{listingId}")).ReadAsync<Exchange.Api.Listings.ListingResponse>();
        var draft = Assert.Single(listing.LicenseDrafts);
        Assert.Equal((licensee, 24, 4.5m, 3m), (draft.Licensee, draft.Terms.TermMonths, draft.Terms.RoyaltyRatePercent, Assert.Single(listing.Offers).LicenseTerms!.RoyaltyRatePercent));
        Assert.Equal([number], draft.ApplicationNumbers);

        // The licensee signs the licence agreed; a start before the exchange's today is refused beside it.
        var signing = licenseePage.GetByTestId("license-signing");
        await Expect(signing).ToContainTextAsync("24 个月");
        await signing.GetByTestId("license-start").FillAsync(Today.AddDays(-1).ToString("yyyy-MM-dd"));
        await signing.GetByTestId("license-sign").ClickAsync();
        await Expect(signing.GetByTestId("error-start")).ToContainTextAsync("starts today or later");
        await signing.GetByTestId("license-start").FillAsync(Today.ToString("yyyy-MM-dd"));
        await signing.GetByTestId("license-sign").ClickAsync();
        await Expect(licenseePage.GetByTestId("license-status")).ToHaveTextAsync("生效中");
        await Expect(licenseePage.GetByTestId("scope")).ToContainTextAsync("普通许可");
        await BrowserFixture.AssertAccessibleAsync(licenseePage, "the licence signed from the accepted counter-offer");
        var licences = await (await client.GetAsync("/api/licenses")).ReadAsync<Exchange.Api.Lists.ListPageResponse>();
        Assert.Equal("active", Assert.Single(licences.Items).Status);
    }

    [Fact]
    public async Task AnAgencyWithoutAMandate_IsRefusedItsListing_WithTheApisProblem_InEnglish()
    {
        var (_, _, number, _) = await Api.ListingsApiTests.ListedPatentAsync(Server, "A61K 31/00");
        var otherAgency = await Server.RegisterAsync("Agency");
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, otherAgency);
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Listings and offers" }).ClickAsync();
        await Expect(page.GetByTestId("my-listings-empty")).ToHaveTextAsync("No listings concern you yet.");
        await BrowserFixture.AssertAccessibleAsync(page, "an agency's listings, none yet, in English");
        await page.GetByRole(AriaRole.Link, new() { Name = "New listing" }).ClickAsync();
        await page.GetByTestId("listing-number").Locator("input").FillAsync(number[..^2]);
        await Expect(page.GetByTestId("listing-number-suggestion")).ToContainTextAsync($"The check character should be {number[^1]}: did you mean {number}?");
        await page.GetByTestId("listing-number-use-suggestion").ClickAsync();
        await Expect(page.GetByTestId("listing-number-valid")).ToContainTextAsync("a valid invention application number");
        await page.GetByTestId("listing-price").Locator("input").FillAsync("800000");
        await page.GetByTestId("listing-submit").ClickAsync();

        var refusal = page.GetByTestId("listing-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "mandate-missing");
        await Expect(refusal).ToContainTextAsync("No mandate from every owner.");
        await Expect(refusal).ToContainTextAsync(otherAgency.ToString());
        await BrowserFixture.AssertAccessibleAsync(page, "a refused listing in English");
        await BrowserFixture.ScreenshotAsync(page, "agency-listing-refused-en");
        using var client = await Server.ClientForAsync(otherAgency);
        var listings = await (await client.GetAsync("/api/me/listings?as=agency")).ReadAsync<Exchange.Api.Lists.ListPageResponse>();
        Assert.Empty(listings.Items);
    }

    /// <summary>A verified owner that qualifies for the fee reduction (a small entity).</summary>
    private async Task<Guid> SmallEntityOwnerAsync()
    {
        using var op = await Server.OperatorAsync();
        var created = await op.PostCommandAsync("/api/participants", new { legalName = "Small workshop " + Guid.NewGuid().ToString("N")[..6], kind = "enterprise",
            creditCode = TestCodes.NewCreditCode(), roles = new[] { "Owner" }, isDomestic = true, isSmallEntity = true }, Server.NewKey());
        var id = (await created.ReadAsync<ParticipantResponse>()).ParticipantId;
        (await op.PostCommandAsync($"/api/participants/{id}/kyc", new { decision = "verify", reason = "documents checked" }, Server.NewKey())).EnsureSuccessStatusCode();
        return id;
    }
}
