namespace Exchange.Api.Infrastructure.RateLimiting;

/// <summary>
/// The rate-limit headers every command's response carries, in the three-header form of the IETF draft
/// (draft-ietf-httpapi-ratelimit-headers): the bucket's size, what is left of it, and the seconds until it is full.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Limit] = "How many commands the caller may send at once (the size of its token bucket).",
        [Remaining] = "How many commands the caller may still send now.",
        [Reset] = "Seconds until the caller's bucket is full again.",
    };
}
