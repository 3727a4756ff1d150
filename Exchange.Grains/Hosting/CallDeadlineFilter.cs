namespace Exchange.Grains.Hosting;

/// <summary>
/// Gives up on a grain call from the API when the request's budget (<see cref="CallDeadline"/>, <c>Exchange:Api:CallTimeout</c>)
/// is spent, or after that timeout for a call outside a request. Orleans' own response timeout (set to the same value)
/// is the backstop but fires late: measured here, a call in flight to a killed silo failed 2.1–2.6 s after its timeout
/// (4.1 s at 2 s, 7.5 s at 5 s, 12.5 s at 10 s), and a request making three calls could take three timeouts. The call itself is not cancelled;
/// like any timed-out call it may still complete, which the command's idempotency makes harmless. Calls made by grains
/// (in a co-hosted silo) are left to Orleans: only calls from outside any grain, the API's, are bounded here.
/// </summary>
internal sealed class CallDeadlineFilter(TimeSpan timeout) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.SourceContext is not null)
        {
            await context.Invoke();
            return;
        }
        // A request's calls share its budget (CallDeadline): three calls of a command cannot take three timeouts.
        var wait = CallDeadline.Remaining is { } left && left < timeout ? left : timeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new TimeoutException($"The request's {timeout.TotalSeconds:0.#} s were spent before its call to {context.TargetId} ({context.InterfaceName}.{context.MethodName}).");
        }
        var call = context.Invoke();
        try
        {
            await call.WaitAsync(wait);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            // The abandoned call's own outcome (Orleans' later timeout, most likely) is observed, not left unobserved.
            _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new TimeoutException($"No answer within {timeout.TotalSeconds:0.#} s from {context.TargetId} ({context.InterfaceName}.{context.MethodName}).");
        }
    }
}

/// <summary>
/// The budget of one API request for all its grain calls (<c>Exchange:Api:CallTimeout</c>), set by the API for the
/// request's flow of execution and read by <see cref="CallDeadlineFilter"/>: the request is answered, 503 at worst,
/// within the budget whatever number of calls it makes.
/// </summary>
public static class CallDeadline
{
    private static readonly AsyncLocal<long?> Deadline = new();

    /// <summary>Time left of the current request's budget, or null outside a request.</summary>
    public static TimeSpan? Remaining => Deadline.Value is { } at ? System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), at) : null;

    /// <summary>Starts a budget for the calls made from here on in this flow of execution; disposing ends it.</summary>
    public static IDisposable Begin(TimeSpan budget)
    {
        var previous = Deadline.Value;
        Deadline.Value = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        return new End(previous);
    }

    private sealed class End(long? previous) : IDisposable
    {
        public void Dispose() => Deadline.Value = previous;
    }
}
