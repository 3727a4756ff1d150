namespace Exchange.Api.Infrastructure;

/// <summary>
/// Which requests are commands: every POST, PUT, PATCH and DELETE. A command needs an Idempotency-Key unless its
/// endpoint changes nothing (<see cref="SkipIdempotencyAttribute"/>), and every command counts against its caller's
/// rate limit. The idempotency middleware, the rate limiter and the OpenAPI document all ask here, so an endpoint
/// added later is treated alike by all three without declaring anything.
/// </summary>
public static class CommandRequests
{
    public static bool IsCommand(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static bool NeedsIdempotencyKey(string method, IEnumerable<object> endpointMetadata) =>
        IsCommand(method) && !endpointMetadata.OfType<SkipIdempotencyAttribute>().Any();

    /// <summary>
    /// Only a request that reached a command of the exchange needs a key: an address nothing answers, or one that
    /// does not take the method (routing's 405 endpoint, which declares no methods), is answered as such first.
    /// </summary>
    public static bool NeedsIdempotencyKey(HttpContext context) =>
        context.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) == true
        && NeedsIdempotencyKey(context.Request.Method, endpoint.Metadata);
}
