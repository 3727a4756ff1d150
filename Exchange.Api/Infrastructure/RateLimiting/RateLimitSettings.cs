namespace Exchange.Api.Infrastructure.RateLimiting;

/// <summary>
/// <c>Exchange:Api:RateLimits</c>: how many commands each caller may send, as a token bucket per participant (per IP
/// address for a caller without a valid token). A caller may send <see cref="Burst"/> commands at once, and
/// <see cref="Refill"/> more become available every <see cref="RefillPeriod"/>. Reads are not limited.
/// The defaults are far above what a person or the load benchmark sends (its operator sets up 1,200 commands in a
/// burst, its payers send about ten a second each); <see cref="Enabled"/> false turns the limiter off entirely.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Exchange:Api:RateLimits";

    public bool Enabled { get; set; } = true;

    public int Burst { get; set; } = 2_000;

    public int Refill { get; set; } = 200;

    public TimeSpan RefillPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (Burst < 1 || Refill < 1 || Refill > Burst || RefillPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}: Burst and Refill are at least 1, Refill at most Burst, and RefillPeriod is positive.");
        }
    }
}
