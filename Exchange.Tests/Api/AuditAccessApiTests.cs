using Exchange.Api.Licenses;
using Exchange.Grains.Audit;
using Exchange.Tests.Console;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>
/// A participant reads the audit trails of the objects it may see as its own: its record, the patents it owns, the
/// licences it is party to; another's are refused as reading the object would be (AccessTests: 403 for each kind).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditAccessApiTests(ApiFactory api)
{
    [Fact]
    public async Task AParticipant_ReadsTheTrailsOfItsRecordItsPatentAndItsLicence_NotAnotherOwnersPatent()
    {
        var (licensee, licenseId, number) = await StaffExchanges.SignLicenseAsync(api);
        using var licenseeClient = await api.ClientForAsync(licensee);
        var owner = Assert.Single((await (await licenseeClient.GetAsync($"/api/licenses/{licenseId}")).ReadAsync<LicenseResponse>()).Licensors);
        using var ownerClient = await api.ClientForAsync(owner);

        Assert.Contains((await ReadAsync(licenseeClient, $"participant:{licensee:N}")).Entries, e => e.Action.StartsWith("kyc:", StringComparison.Ordinal));
        Assert.Contains((await ReadAsync(ownerClient, $"patent:{number}")).Entries, e => e.Action == "registered");
        Assert.NotEmpty((await ReadAsync(licenseeClient, $"license:{licenseId:N}")).Entries);
        Assert.NotEmpty((await ReadAsync(ownerClient, $"license:{licenseId:N}")).Entries);

        // The licensee may see the patent (patents are public) but does not own it: its trail is the owners' and the staff's.
        var refused = await (await licenseeClient.GetAsync($"/api/audit/patent:{number}")).AssertProblemAsync(403, "forbidden");
        Assert.Contains("does not own patent", refused.GetProperty("detail").GetString());
        await (await ownerClient.GetAsync($"/api/audit/participant:{licensee:N}")).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task TheTrailOfAnObjectThatDoesNotExist_Is404ForAParticipant_AsTheObjectWouldBe()
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Owner"));

        await (await client.GetAsync($"/api/audit/license:{Guid.NewGuid():N}")).AssertProblemAsync(404, "license-not-found");
        await (await client.GetAsync($"/api/audit/patent:{PatentsApiTests.NewNumber(2020)}")).AssertProblemAsync(404, "patent-not-found");
    }

    private static async Task<AuditPage> ReadAsync(HttpClient client, string objectId) => await (await client.GetAsync($"/api/audit/{objectId}")).ReadAsync<AuditPage>();
}
