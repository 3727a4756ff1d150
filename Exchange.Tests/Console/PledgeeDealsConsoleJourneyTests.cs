using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exchange.Tests.Console;

/// <summary>
/// The bank's part in deals in its collateral, in the console (issue 11; Civil Code Art. 444), in Chinese: it consents
/// to a licence with the money held in escrow, a second consent to the same deal routed elsewhere is refused beside its
/// field, and it records a repayment received outside the exchange (a missing reference refused beside its field).
/// On a demo market of its own, checked with axe-core.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PledgeeDealsConsoleJourneyTests(BrowserFixture browser, DemoExchange exchanges)
{
    static PledgeeDealsConsoleJourneyTests() => SetDefaultExpectTimeout(BrowserFixture.Timeout);

    [Fact]
    public async Task TheBank_ConsentsToALicenceWithItsMoneyInEscrow_AndRecordsARepaymentReceivedOutside_RefusalsBesideTheirFields()
    {
        var server = exchanges.Demo;
        var bank = exchanges.DemoParticipant("Bank of Innovation");
        using var client = await server.ClientForAsync(bank);
        var registered = (await (await client.GetAsync("/api/pledges/portfolio")).ReadAsync<PortfolioPageResponse>()).Items.Single(i => i.Status == PledgeStatus.Registered);
        var before = await (await client.GetAsync($"/api/pledges/{registered.PledgeId}")).ReadAsync<PledgeResponse>();
        var licensee = exchanges.DemoParticipant("Shenzhen Solid-State");

        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserFixture.SignInAsync(page, bank, server.BaseUrl);
        await page.GotoAsync($"{server.BaseUrl}/console/pledges/{registered.PledgeId}");
        var deals = page.GetByTestId("pledgee-deals");
        await Expect(deals).ToBeVisibleAsync();
        // The demo's own consent: a licence to the sensor start-up, its money in escrow.
        await Expect(page.GetByTestId("pledge-consents")).ToContainTextAsync(exchanges.DemoParticipant("Hangzhou Smart Sensor").ToString());
        await BrowserFixture.AssertAccessibleAsync(page, "the bank's deals on a pledge");

        // A counterparty that is not a participant id is refused before it is sent.
        await page.GetByTestId("consent-counterparty").Locator("input").FillAsync("the battery company");
        await page.GetByTestId("consent-submit").ClickAsync();
        await Expect(page.GetByTestId("error-counterparty")).ToContainTextAsync("3c5e7a9b");

        await page.GetByTestId("consent-counterparty").Locator("input").FillAsync(licensee.ToString());
        await page.GetByTestId("consent-proceeds").SelectOptionAsync("escrow");
        await page.GetByTestId("consent-submit").ClickAsync();
        await Expect(page.GetByTestId("pledge-consents").GetByRole(AriaRole.Listitem).Filter(new() { HasText = licensee.ToString() })).ToContainTextAsync("提存于质押账户");

        // The same deal with its money routed to early repayment: the exchange refuses, beside the route.
        await page.GetByTestId("consent-proceeds").SelectOptionAsync("earlyRepayment");
        await page.GetByTestId("consent-submit").ClickAsync();
        var refusal = page.GetByTestId("consent-problem");
        await Expect(refusal).ToHaveAttributeAsync("data-problem-type", "invalid-input");
        await Expect(page.GetByTestId("error-proceeds")).ToContainTextAsync("consented to this deal already");
        await BrowserFixture.AssertAccessibleAsync(page, "a refused second consent");

        // A sale's consent names the patent and the least price; without a price the exchange refuses, beside the price.
        var buyer = exchanges.DemoParticipant("Shenzhen Solid-State");
        await page.GetByTestId("consent-kind").SelectOptionAsync("transfer");
        await Expect(page.GetByTestId("consent-patent")).ToBeVisibleAsync();
        await page.GetByTestId("consent-counterparty").Locator("input").FillAsync(buyer.ToString());
        await page.GetByTestId("consent-submit").ClickAsync();
        await Expect(page.GetByTestId("consent-problem")).ToHaveAttributeAsync("data-problem-type", "invalid-amount");
        await Expect(page.GetByTestId("error-minimumPrice")).ToBeVisibleAsync();
        await page.GetByTestId("consent-minimum-price").Locator("input").FillAsync("900000");
        await page.GetByTestId("consent-submit").ClickAsync();
        var patent = before.ApplicationNumbers[0];
        await Expect(page.GetByTestId("pledge-consents").GetByRole(AriaRole.Listitem).Filter(new() { HasText = patent })).ToContainTextAsync("900,000.00");
        await BrowserFixture.AssertAccessibleAsync(page, "a consent to a sale with its least price");

        // A repayment received outside the exchange needs the bank's reference.
        await page.GetByTestId("repayment-received-amount").Locator("input").FillAsync("1000.00");
        await page.GetByTestId("repayment-received-submit").ClickAsync();
        await Expect(page.GetByTestId("repayment-received-problem")).ToHaveAttributeAsync("data-problem-type", "invalid-input");
        await Expect(page.GetByTestId("error-reference")).ToBeVisibleAsync();
        await page.GetByTestId("repayment-received-memo").Locator("input").FillAsync("ICBC-20261201-000731");
        await page.GetByTestId("repayment-received-submit").ClickAsync();
        await Expect(page.GetByTestId("repayment-received-done")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page, "a repayment received recorded");

        var after = await (await client.GetAsync($"/api/pledges/{registered.PledgeId}")).ReadAsync<PledgeResponse>();
        Assert.Equal(before.Repaid + 1_000m, after.Repaid);
        Assert.Contains(new PledgeeConsentDto(Exchange.Grains.Patents.DisposalKind.License, licensee, Exchange.Grains.Patents.ProceedsRoute.Escrow), after.DisposalConsents);
        Assert.Contains(new PledgeeConsentDto(Exchange.Grains.Patents.DisposalKind.Transfer, buyer, Exchange.Grains.Patents.ProceedsRoute.EarlyRepayment, patent, 900_000m), after.DisposalConsents);
    }
}
