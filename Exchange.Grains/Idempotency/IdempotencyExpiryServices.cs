using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.Idempotency;

public static class IdempotencyExpiryServices
{
    /// <summary>The purge of expired Idempotency-Key records, configured from "Exchange:Idempotency" and checked at start.</summary>
    public static IServiceCollection AddIdempotencyExpiry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyExpiryOptions>().Bind(configuration.GetSection(IdempotencyExpiryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdempotencyExpiryOptions>, IdempotencyExpiryOptionsValidator>();
        services.AddHostedService<IdempotencyExpiryService>();
        return services;
    }
}
