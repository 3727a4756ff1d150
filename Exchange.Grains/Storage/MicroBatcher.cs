using System.Threading.Channels;

namespace Exchange.Grains.Storage;

/// <summary>
/// Coalesces concurrent requests into batches: callers enqueue one item each and await its own result, while a
/// few loops each take whatever is queued (up to a maximum) and hand it to one batch handler, which completes
/// every item's task. Under load a thousand requests cost tens of database round trips; under light load a
/// batch holds one item and costs what a direct call would.
/// </summary>
internal sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Func<int, IReadOnlyList<Pending>, Task> _handleBatch;
    private readonly int _maxBatch;
    private readonly Task[] _loops;

    /// <param name="handleBatch">Completes each item's <see cref="Pending.Completion"/>. Items it leaves incomplete
    /// when it throws are failed with the exception.</param>
    public MicroBatcher(Func<IReadOnlyList<Pending>, Task> handleBatch, int loops, int maxBatch)
        : this((_, batch) => handleBatch(batch), loops, maxBatch)
    {
    }

    /// <param name="handleBatch">As above, and told which loop (0 to <paramref name="loops"/> − 1) runs it, so that a
    /// loop can own rows of its own that no other loop writes (<see cref="BalanceDelta"/>).</param>
    public MicroBatcher(Func<int, IReadOnlyList<Pending>, Task> handleBatch, int loops, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _handleBatch = handleBatch;
        _maxBatch = maxBatch;
        _loops = Enumerable.Range(0, loops).Select(loop => Task.Run(() => LoopAsync(loop))).ToArray();
    }

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, "The store is shutting down.");
        }
        return pending.Completion.Task;
    }

    /// <summary>Stops taking items and waits for the queued ones to be handled.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task LoopAsync(int loop)
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await _handleBatch(loop, batch);
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Completion.TrySetException(ex));
            }
        }
    }

    public sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
