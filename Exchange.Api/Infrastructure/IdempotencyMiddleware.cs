using System.Text;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Every command (<see cref="CommandRequests"/>) carries an Idempotency-Key. The first successful response is stored durably and replayed for a
/// repeat with the same body; the same key with another body is refused with 422. Failed attempts are not
/// stored: they changed nothing, and the retry is judged afresh. Two copies racing in at once both reach the
/// command, which is idempotent by its derived ids, so they get the same answer.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The key's shape as the OpenAPI document declares it, with <see cref="MaxKeyLength"/>: printable ASCII, no spaces.</summary>
    public const string KeyPattern = "^[!-~]+$";

    internal static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~');

    public async Task InvokeAsync(HttpContext context, IClusterClient cluster, TimeProvider clock)
    {
        if (!CommandRequests.NeedsIdempotencyKey(context) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[HeaderName].ToString();
        if (!IsValidKey(key))
        {
            throw new DomainException(DomainErrors.IdempotencyKeyMissing, $"Send an {HeaderName} header of 1–{MaxKeyLength} printable ASCII characters with every command.", HeaderName);
        }

        var caller = Caller.From(context.User);
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        context.Request.Body.Position = 0;
        var requestHash = DeterministicId.Hash($"{context.Request.Method} {context.Request.Path}\n{body}");
        var scope = caller.ParticipantId.ToString("N");

        var records = cluster.GetGrain<IIdempotencyGrain>(0);
        var stored = await records.Find(scope, key);
        if (stored is not null)
        {
            await ReplayAsync(context, stored, requestHash);
            return;
        }

        new CommandContext(caller, key, requestHash).Attach(context);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var responseBody = Encoding.UTF8.GetString(buffer.ToArray());
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var record = new IdempotencyRecord(scope, key, requestHash, context.Response.StatusCode, responseBody,
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, clock.GetUtcNow());
            await records.Save(record);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored, string requestHash)
    {
        if (stored.RequestHash != requestHash)
        {
            throw new DomainException(DomainErrors.IdempotencyKeyReused, $"{HeaderName} '{stored.Key}' was first used for a different request; use a new key for a new command.", HeaderName);
        }
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }
        await context.Response.WriteAsync(stored.ResponseBody, context.RequestAborted);
    }
}

/// <summary>Marks a POST that changes nothing (minting a development token), so it needs no Idempotency-Key.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SkipIdempotencyAttribute : Attribute;
