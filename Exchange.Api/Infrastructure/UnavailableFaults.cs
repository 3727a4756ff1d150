using Exchange.Grains.Common;
using Orleans.Runtime.Messaging;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// Faults of the infrastructure a request can meet, which a retry outlives: the exchange's storage unreachable
/// (<see cref="StorageUnavailableException"/>, from the silos), or the silo holding the object gone or not answering in
/// time (Orleans' rejections, connection failures, and the response timeout, <c>Exchange:Api:CallTimeout</c>). Each is
/// answered 503 <c>service-unavailable</c> with Retry-After, never 500: nothing acknowledged is lost, and a command is
/// applied at most once, so retrying it with the same Idempotency-Key is safe.
/// </summary>
public static class UnavailableFaults
{
    /// <param name="Cause">A short stable name, the key of the outage log (one line per cause).</param>
    /// <param name="RetryAfterSeconds">When a retry is likely to succeed: a database back, or the object moved to a live silo.</param>
    /// <param name="What">What is unavailable, in the client's terms (never a host, a driver or a .NET type).</param>
    public sealed record Fault(string Cause, int RetryAfterSeconds, string What);

    /// <summary>The fault, or null for any other exception. A storage fault is found inside Orleans' wrapping too (an activation whose state could not be read).</summary>
    public static Fault? Classify(Exception exception) => Exchange.Grains.Storage.StorageFaults.Find(exception) is { } storage
        ? Direct(storage)
        : Direct(exception);

    private static Fault? Direct(Exception exception) => exception switch
    {
        StorageUnavailableException storage => new(storage.Cause, 5, "The exchange cannot reach its database at the moment."),
        // A silo that died or is shutting down, until the cluster has declared it dead and the object lives elsewhere.
        SiloUnavailableException => new("cluster: silo unavailable", 2, "The server holding this object is unavailable; the object is moving to another server."),
        OrleansMessageRejectionException => new("cluster: call rejected", 2, "The server holding this object could not take the request; the object is moving to another server."),
        GatewayTooBusyException => new("cluster: gateway too busy", 2, "The exchange's servers are too busy to take the request."),
        ConnectionFailedException or Orleans.Networking.Shared.SocketConnectionException => new("cluster: connection failed", 2, "The API lost its connection to the exchange's servers."),
        // Orleans' response timeout: the only waits of the API's endpoints are grain calls.
        TimeoutException => new("cluster: no answer in time", 2, "The server holding this object did not answer in time."),
        _ => null,
    };

    public static string DetailFor(Fault fault, bool command) => command
        ? $"{fault.What} Nothing acknowledged was lost: this command was either not applied or is recorded, and retrying it with the same Idempotency-Key after {fault.RetryAfterSeconds} s applies it at most once."
        : $"{fault.What} Nothing was lost; retry the request after {fault.RetryAfterSeconds} s.";
}
