using Microsoft.Extensions.Options;

namespace Exchange.Grains.Idempotency;

/// <summary>How long Idempotency-Key records are kept ("Exchange:Idempotency"), and how they are purged.</summary>
public sealed class IdempotencyExpiryOptions
{
    public const string Section = "Exchange:Idempotency";

    /// <summary>domain.md §2: idempotency records are kept at least 24 hours, so a client's retries within a day are safe.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(24);

    /// <summary>How long a record is kept after the command it records; at least <see cref="MinimumRetention"/>.</summary>
    public TimeSpan Retention { get; set; } = MinimumRetention;

    /// <summary>How often each silo purges expired records.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Records deleted per statement: each purge statement is a short transaction, however many have expired.</summary>
    public int PurgeBatchSize { get; set; } = 1_000;
}

/// <summary>Refuses a configuration that would forget keys before a day is out, at start-up rather than at the first purge.</summary>
internal sealed class IdempotencyExpiryOptionsValidator : IValidateOptions<IdempotencyExpiryOptions>
{
    public ValidateOptionsResult Validate(string? name, IdempotencyExpiryOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < IdempotencyExpiryOptions.MinimumRetention)
        {
            failures.Add($"{IdempotencyExpiryOptions.Section}:Retention is {options.Retention}; idempotency records are kept at least {IdempotencyExpiryOptions.MinimumRetention.TotalHours:0} hours (domain.md §2).");
        }
        if (options.PurgeInterval <= TimeSpan.Zero)
        {
            failures.Add($"{IdempotencyExpiryOptions.Section}:PurgeInterval must be positive.");
        }
        if (options.PurgeBatchSize < 1)
        {
            failures.Add($"{IdempotencyExpiryOptions.Section}:PurgeBatchSize must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
