using Exchange.Api.Ledger;
using Exchange.Api.Pledges;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>The steps the pledge journeys share: a command that must succeed, a balance, the business clock, the daily check, an annual fee.</summary>
internal static class PledgeSteps
{
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
