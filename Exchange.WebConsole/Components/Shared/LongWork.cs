namespace Exchange.WebConsole.Components.Shared;

/// <summary>
/// Work the API answers in one response, at the end (the trial balance's verification reads every posting line; a
/// search may run over a hundred thousand patents): while it runs, the time it has taken so far, counted each second,
/// and a way to stop waiting. <see cref="LongWorkProgress"/> shows it; nothing else on the page waits for it.
/// </summary>
/// <param name="changed">Renders the page again (its <c>InvokeAsync(StateHasChanged)</c>): the time taken has moved on.</param>
public sealed class LongWork(Func<Task> changed) : IDisposable
{
    private CancellationTokenSource? _cancel;

    public bool Running => _cancel is not null;

    public TimeSpan Elapsed { get; private set; }

    /// <summary>
    /// Runs <paramref name="work"/>, replacing a run still going (the latest request is the one that counts). False when
    /// the user stopped waiting, and its answer is dropped; a refusal (<c>ApiProblemException</c>) is the caller's to show.
    /// </summary>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> work)
    {
        _cancel?.Cancel();
        using var cancel = _cancel = new CancellationTokenSource();
        Elapsed = TimeSpan.Zero;
        var started = TimeProvider.System.GetTimestamp();
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var ticking = TickAsync(ticker, started, cancel.Token);
        try
        {
            await work(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            if (_cancel == cancel)
            {
                _cancel = null;
            }
            ticker.Dispose();
            await ticking;
        }
    }

    public void Cancel() => _cancel?.Cancel();

    public void Dispose() => Cancel();

    private async Task TickAsync(PeriodicTimer ticker, long started, CancellationToken cancel)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(cancel))
            {
                Elapsed = TimeProvider.System.GetElapsedTime(started);
                await changed();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the work.
        }
    }
}
