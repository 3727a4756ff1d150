using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Exchange.Api.Infrastructure.RateLimiting;

public static class RateLimitingSetup
{
    public static IServiceCollection AddCommandRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }
        services.AddSingleton(new CommandRateLimiter(settings));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CommandRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => RejectAsync(rejected, limiter);
        });
        return services;
    }

    /// <summary>After authentication, so that a bucket belongs to the token's participant rather than to an address.</summary>
    public static IApplicationBuilder UseCommandRateLimiting(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<CommandRateLimiter>() is not { } limiter)
        {
            return app;
        }
        app.UseRateLimiter();
        return app.Use(async (context, next) =>
        {
            if (CommandRequests.IsCommand(context.Request.Method))
            {
                // Written as the response starts, so that the headers survive the exception handler's reset of a refusal.
                context.Response.OnStarting(() =>
                {
                    limiter.WriteHeaders(context);
                    return Task.CompletedTask;
                });
            }
            await next(context);
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CommandRateLimiter limiter)
    {
        var context = rejected.HttpContext;
        var settings = limiter.Settings;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.RefillPeriod;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        limiter.WriteHeaders(context);
        var problem = new ProblemDetails
        {
            Type = ApiProblems.RateLimited.Type,
            Title = ApiProblems.RateLimited.Title,
            Status = StatusCodes.Status429TooManyRequests,
            Detail = $"The commands of {CommandRateLimiter.CallerOf(context)} exceed the exchange's limit of {settings.Burst} at once and "
                + $"{settings.Refill} more every {settings.RefillPeriod.TotalSeconds:0.###} s; retry after {seconds} s. Nothing of this command was applied.",
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
