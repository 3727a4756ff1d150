using Exchange.Api.Ledger;
using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>The steps the pledge journeys share: an application, its registration, a command that must succeed, a balance, the business clock, the daily check, an annual fee.</summary>
internal static class PledgeSteps
{
    /// <summary>A pledge application as a bank makes it on <paramref name="today"/>: by default CNY 1,000,000 over 12 months at 4.35%, on collateral appraised at 2,400,000 with a 50% cap.</summary>
    public static object Application(DateOnly today, Guid bank, string[] numbers, Guid[]? licences = null, decimal principal = 1_000_000m, decimal appraised = 2_400_000m,
        int months = 12, bool riskAcknowledged = false) => new
    {
        pledgeeId = bank,
        applicationNumbers = numbers,
        royaltyLicenses = licences ?? [],
        appraisal = new { value = appraised, appraiser = "Zhonghe Assets Appraisal", valuedOn = today.AddDays(-10), reportReference = "ZH-PV-1187" },
        loanToValuePercent = 50m,
        loan = new { principal, annualRatePercent = 4.35m, start = today, months, method = "equalInstalments", paymentDay = Math.Min(today.Day, 28) },
        graceDays = 30,
        channel = "online",
        documents = new { applicationForm = "form signed by both", pledgeContract = "BOC-SZ-0771", identityDocuments = "business licences" },
        invalidationRiskAcknowledged = riskAcknowledged,
    };

    /// <summary>The bank applies, the owner signs, the operator takes it up and registers it: the registered pledge.</summary>
    public static async Task<PledgeResponse> RegisteredAsync(ApiFactoryBase api, HttpClient bankClient, HttpClient ownerClient, object application)
    {
        var pledge = await OkAsync(bankClient.PostCommandAsync("/api/pledges", application, api.NewKey()));
        await OkAsync(ownerClient.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/signature", null, api.NewKey()));
        using var op = await api.OperatorAsync();
        await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/review", null, api.NewKey()));
        return await OkAsync(op.PostCommandAsync($"/api/pledges/{pledge.PledgeId}/registration", null, api.NewKey()));
    }

    /// <summary>The command succeeded; if not, the failure names the problem the API answered.</summary>
    public static async Task<PledgeResponse> OkAsync(Task<HttpResponseMessage> command)
    {
        var response = await command;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PledgeResponse>();
    }

    public static async Task<decimal> AvailableAsync(ApiFactoryBase api, Guid participant)
    {
        using var client = await api.ClientForAsync(participant);
        return (await (await client.GetAsync($"/api/accounts/{participant}")).ReadAsync<AccountResponse>()).Available;
    }

    public static void AdvanceTo(FakeTimeProvider clock, DateOnly day) => clock.Advance(day.ToDateTime(new TimeOnly(9, 0)) - clock.GetUtcNow().UtcDateTime);

    /// <summary>What the reminder service does once a day: the pledge's own tick handler checks its standing.</summary>
    public static Task TickAsync(ApiFactoryBase api, Guid pledgeId) => api.Services.GetRequiredService<IGrainFactory>().GetGrain<IPledgeGrain>(pledgeId).AsReference<IRemindable>()
        .ReceiveReminder("pledge-due-dates", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));

    /// <summary>The payer (an owner, or the bank keeping its collateral in force) pays the patent's next annual fee.</summary>
    public static async Task PayNextFeeAsync(ApiFactoryBase api, HttpClient payer, string number)
    {
        var next = await (await payer.GetAsync($"/api/patents/{number}/annual-fees/next")).ReadAsync<System.Text.Json.JsonElement>();
        var paid = await payer.PostCommandAsync($"/api/patents/{number}/annual-fees", new { patentYear = next.GetProperty("patentYear").GetInt32() }, api.NewKey());
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
    }
}
