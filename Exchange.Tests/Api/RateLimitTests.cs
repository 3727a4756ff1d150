using System.Net;
using Exchange.Api.Infrastructure.RateLimiting;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Api;

/// <summary>Commands are rate-limited per participant (per address without a token); a flood answers 429 and touches no one else.</summary>
public sealed class RateLimitTests
{
    private const int Burst = 3;

    /// <summary>A bucket of three that refills only after ten minutes, so the test's own pace cannot refill it.</summary>
    private sealed class TightlyLimitedApi : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"{RateLimitSettings.Section}:Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"{RateLimitSettings.Section}:Refill", "1");
            builder.UseSetting($"{RateLimitSettings.Section}:RefillPeriod", "00:10:00");
        }
    }

    private static object NewParticipant() => new
    {
        legalName = "Flood Test " + Guid.NewGuid().ToString("N")[..8], kind = "enterprise", creditCode = TestCodes.NewCreditCode(),
        roles = new[] { "Investor" }, isDomestic = true, isSmallEntity = false,
    };

    [Fact]
    public async Task AParticipantBeyondItsBurst_Gets429WithRetryAfter_WhileAnotherParticipantsCommandsPass()
    {
        await using var api = new TightlyLimitedApi();
        await api.InitializeAsync();
        // Registered through the grain, so the operator's bucket is full when the test starts.
        var other = DeterministicId.From("rate-limit-test", Guid.NewGuid().ToString("N"));
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IParticipantGrain>(other).Register(
            new RegisterParticipant("Unhurried Owner Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Owner, true, false), Actor.System);
        using var op = await api.OperatorAsync();
        using var owner = await api.ClientForAsync(other);

        for (var i = 1; i <= Burst; i++)
        {
            var accepted = await op.PostCommandAsync("/api/participants", NewParticipant(), api.NewKey());
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            Assert.Equal(Burst.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.Headers.GetValues(RateLimitHeaders.Limit).Single());
            Assert.Equal((Burst - i).ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.Headers.GetValues(RateLimitHeaders.Remaining).Single());
        }

        var refused = await op.PostCommandAsync("/api/participants", NewParticipant(), api.NewKey());
        var problem = await refused.AssertProblemAsync(429, "rate-limited");
        Assert.Contains(PlatformBootstrapId, problem.GetProperty("detail").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("0", refused.Headers.GetValues(RateLimitHeaders.Remaining).Single());

        // Another participant's command, and the throttled participant's reads, are not affected.
        var policy = await owner.PostCommandAsync($"/api/participants/{other}/remuneration-policy", new { basis = "statutoryFloor" }, api.NewKey());
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/participants/{other}")).StatusCode);
    }

    private static string PlatformBootstrapId => Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId.ToString();

    [Fact]
    public async Task CallersWithoutAToken_AreLimitedByTheirAddress()
    {
        await using var api = new TightlyLimitedApi();
        await api.InitializeAsync();
        using var anonymous = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Burst; i++)
        {
            statuses.Add((await anonymous.PostCommandAsync("/dev/tokens", new { participantId = Exchange.Api.Infrastructure.PlatformBootstrap.OperatorId }, null)).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Burst).Append(HttpStatusCode.TooManyRequests), statuses);
    }
}
