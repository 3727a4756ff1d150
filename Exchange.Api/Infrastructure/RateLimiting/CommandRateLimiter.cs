using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Exchange.Api.Infrastructure.RateLimiting;

/// <summary>
/// One token bucket per caller for commands (<see cref="CommandRequests.IsCommand"/>); reads pass unlimited. The
/// caller is the participant its bearer token names, or its IP address when it has no valid token, so one
/// participant's flood never slows another's commands. Idle buckets are dropped by the partitioned limiter itself.
/// </summary>
public sealed class CommandRateLimiter : IDisposable
{
    private const string Reads = "reads";

    public CommandRateLimiter(RateLimitSettings settings)
    {
        settings.Validate();
        Settings = settings;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.Refill,
            ReplenishmentPeriod = settings.RefillPeriod,
            QueueLimit = 0,
            // The partitioned limiter refills its buckets on its own timer; one timer per bucket would be wasted.
            AutoReplenishment = false,
        };
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => CommandRequests.IsCommand(context.Request.Method)
            ? RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => bucket)
            : RateLimitPartition.GetNoLimiter(Reads));
    }

    public RateLimitSettings Settings { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Whose bucket a request draws on: "participant {id}" or "address {ip}".</summary>
    public static string CallerOf(HttpContext context)
    {
        var subject = context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub")
            : null;
        return subject is { Length: > 0 } ? $"participant {subject}" : $"address {context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }

    /// <summary>Writes the rate-limit headers for the caller's bucket as it stands now.</summary>
    public void WriteHeaders(HttpContext context)
    {
        var available = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? Settings.Burst;
        var missing = Math.Max(0, Settings.Burst - available);
        var refills = (missing + Settings.Refill - 1) / Settings.Refill;
        var headers = context.Response.Headers;
        headers[RateLimitHeaders.Limit] = Settings.Burst.ToString(CultureInfo.InvariantCulture);
        headers[RateLimitHeaders.Remaining] = Math.Max(0, available).ToString(CultureInfo.InvariantCulture);
        headers[RateLimitHeaders.Reset] = ((long)Math.Ceiling(refills * Settings.RefillPeriod.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => Limiter.Dispose();
}
