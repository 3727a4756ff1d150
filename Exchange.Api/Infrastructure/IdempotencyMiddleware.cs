using System.Text;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Every command (<see cref="CommandRequests"/>) carries an Idempotency-Key. The first successful response is stored durably and replayed for a
/// repeat with the same body; the same key with another body is refused with 422. A key belongs to the first body
/// sent with it: a command claims its key before it runs, and a claim stays when the command fails, so a retry of
/// the same body is judged afresh while another body under that key is refused, even when they race in at once.
/// <para>
/// The ledger commands (<see cref="LedgerCommandAttribute"/>: deposit, withdrawal, transfer create, settle and release)
/// claim nothing and look nothing up here: they pass the key and the request's hash down with the command
/// (<see cref="CommandContext.Idempotency"/>), and the ledger writes the key's record in the same database transaction
/// as the money: a command that took effect has its record, whatever crashes afterwards, and a key reused for a
/// different body is refused by the database even when copies race in at once. A repeat runs the command again, which
/// finds its posting booked and changes nothing; its response then meets the stored one, which is answered instead.
/// The response is filled in after the command returns, before it is sent; were it lost, the record would say only
/// that the command took effect, and the next repeat would store its response. (Skipping the lookup saves a database
/// round trip on the exchange's busiest path.) Other commands store their whole record here after they succeed.
/// </para>
/// <para>
/// Copies of one request racing in at once all reach the command, which is idempotent by its derived ids; each then
/// answers with the response stored first, so they all get the same answer.
/// </para>
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

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
        var scope = CommandContext.ScopeOf(caller);

        var records = cluster.GetGrain<IIdempotencyGrain>(0);
        var ledgerCommand = context.GetEndpoint()?.Metadata.GetMetadata<LedgerCommandAttribute>() is not null;
        // Any other command claims the key before it runs: of copies racing in under one key, only those with the
        // first claimant's body go on (and act once, by their derived ids); the rest are refused with 422.
        if (!ledgerCommand)
        {
            var (claimed, claimedNow) = await records.Save(IdempotencyRecord.AwaitingResponse(new IdempotencyStamp(scope, key, requestHash), clock.GetUtcNow()));
            if (!claimedNow)
            {
                EnsureSameRequest(claimed, requestHash);
                if (!claimed.IsAwaitingResponse)
                {
                    await ReplayAsync(context, claimed);
                    return;
                }
                // Claimed by an earlier copy that has not answered yet: run the (idempotent) command.
            }
        }

        new CommandContext(caller, key, requestHash).Attach(context);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (DomainException) when (ledgerCommand)
        {
            // A ledger command is not looked up before it runs, so a repeat whose checks refuse it now (the caller
            // lost a role since, say) arrives here, as does a key reused for another command on the same object:
            // the key's record answers, as it would have before the command ran. Refusals are rare; the lookup
            // costs nothing on the path that succeeds.
            if (await records.Find(scope, key) is not { } earlier)
            {
                throw;
            }
            EnsureSameRequest(earlier, requestHash);
            if (earlier.IsAwaitingResponse)
            {
                throw;
            }
            context.Response.Body = original;
            context.Response.Clear();
            await ReplayAsync(context, earlier);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var record = new IdempotencyRecord(scope, key, requestHash, context.Response.StatusCode, Encoding.UTF8.GetString(buffer.ToArray()),
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, clock.GetUtcNow());
            var (stored, storedNow) = await records.Save(record);
            if (!storedNow && stored.IsAwaitingResponse && stored.RequestHash == requestHash)
            {
                // Another copy's record of this key (its claim, or the ledger's) was written ahead of this response in
                // the same batch: the response completes it now, on its own.
                (stored, storedNow) = await records.Save(record);
            }
            if (!storedNow && stored.IsAwaitingResponse)
            {
                // Still no response stored (the save raced again): answer with this copy's own, which is the command's.
                EnsureSameRequest(stored, requestHash);
            }
            else if (!storedNow)
            {
                // The key already holds a response: a repeat, or a concurrent copy that stored first, answers as it did.
                // A ledger command under a key recorded for another body changed nothing (the ledger refuses such a
                // commit; a repeat of a booked command is refused by its derived id), so it is refused here too.
                EnsureSameRequest(stored, requestHash);
                context.Response.Headers.Remove("Location");
                await ReplayAsync(context, stored);
                return;
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static void EnsureSameRequest(IdempotencyRecord stored, string requestHash)
    {
        if (stored.RequestHash != requestHash)
        {
            throw new DomainException(DomainErrors.IdempotencyKeyReused, $"{HeaderName} '{stored.Key}' was first used for a different request; use a new key for a new command.", HeaderName);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[ReplayedHeader] = "true";
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
