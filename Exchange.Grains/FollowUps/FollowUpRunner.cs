using Microsoft.Extensions.Logging;

namespace Exchange.Grains.FollowUps;

/// <summary>
/// The one way a grain of the exchange persists a change: the new state and what the change owes beyond it (its
/// <see cref="FollowUp"/>s) are written together, then the follow-ups are carried out in order until each is done.
/// Whatever a failure or a crash leaves undone is carried out on the next state-changing call (so a client's retry of
/// the command confirms it), by a retry timer with back-off while the activation lives, on activation, and by the
/// sweep after a restart (<see cref="FollowUpSweepService"/>). Once all are done the state is written again without
/// them, which also clears the storage's note that the grain owes something.
/// <para>
/// Follow-ups run inside <see cref="RequestContext.AllowCallChainReentrancy"/>: a receiver may call back into this
/// grain within the same call chain (a licence told that its patent was invalidated frees its claim on that patent)
/// instead of deadlocking on it. A call arriving that way finds the follow-ups already running and does not start
/// them again; the outer run carries out whatever it adds.
/// </para>
/// </summary>
public sealed class FollowUpRunner<TState> where TState : class, IHasOutbox
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    private readonly Grain _grain;
    private readonly IPersistentState<TState> _state;
    private readonly FollowUpServices _services;
    private readonly FollowUpContext _context;
    private bool _running;
    private bool _storedWithPending;
    private int _failures;
    private IGrainTimer? _retry;

    public FollowUpRunner(Grain grain, IPersistentState<TState> state, FollowUpServices services)
    {
        _grain = grain;
        _state = state;
        _services = services;
        _context = services.ContextFor(grain as IFollowUpHost);
    }

    private List<FollowUp> Pending => _state.State.Outbox.Pending;

    /// <summary>Call from <c>OnActivateAsync</c>: what the stored state still owes is carried out right after activation.</summary>
    public void Activated()
    {
        _storedWithPending = Pending.Count > 0;
        if (_storedWithPending)
        {
            ScheduleRetry(TimeSpan.Zero);
        }
    }

    /// <summary>Writes the state with <paramref name="followUps"/> appended to what it owes, then carries them all out.</summary>
    /// <exception cref="FollowUpsPendingException">The change is recorded but a follow-up could not be carried out yet.</exception>
    public async Task CommitAsync(params IEnumerable<FollowUp> followUps)
    {
        var outbox = _state.State.Outbox;
        outbox.Owner = _grain.GetGrainId().ToString();
        outbox.Pending.AddRange(followUps);
        await WriteAsync();
        _storedWithPending = outbox.Pending.Count > 0;
        if (_storedWithPending)
        {
            await _services.Hooks.AfterStateWriteAsync(outbox.Pending);
        }
        await ResumeAsync();
    }

    /// <summary>
    /// Carries out whatever is pending. Every state-changing call of a grain starts with this, so a repeated command
    /// finishes what its first attempt left undone before it answers.
    /// </summary>
    /// <exception cref="FollowUpsPendingException">A follow-up could not be carried out yet; a retry is scheduled.</exception>
    public async Task ResumeAsync()
    {
        if (_running || (Pending.Count == 0 && !_storedWithPending))
        {
            return;
        }
        _running = true;
        try
        {
            using (RequestContext.AllowCallChainReentrancy())
            {
                while (Pending.Count > 0)
                {
                    var next = Pending[0];
                    try
                    {
                        await next.RunAsync(_context);
                    }
                    catch (Exception ex)
                    {
                        _failures++;
                        var wait = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(_failures - 1, 20)));
                        _services.Logger.LogWarning("{Grain}: follow-up {FollowUp} failed ({Failures} time(s)), retrying in {Wait}: {Error}",
                            _grain.GetGrainId(), next.Id, _failures, wait, ex.Message);
                        ScheduleRetry(wait);
                        throw new FollowUpsPendingException(
                            $"The change to {_grain.GetGrainId()} is recorded; completing it ({next.Id}) failed and is retried. Retry the command to confirm.");
                    }
                    Pending.Remove(next);
                }
            }
            _failures = 0;
            _retry?.Dispose();
            _retry = null;
            if (_storedWithPending)
            {
                await ClearStoredFollowUpsAsync();
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>
    /// Writes the state. After a failed write memory may be ahead of storage (Orleans does not retry, and the write
    /// may even have reached the database): reload what is really stored, in place, so that calls already queued
    /// behind this one are served from it (deactivating would fail them).
    /// </summary>
    private async Task WriteAsync()
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            await ReloadAsync();
            throw;
        }
    }

    /// <summary>The follow-ups are done: write the state without them. If this fails they are only carried out again.</summary>
    private async Task ClearStoredFollowUpsAsync()
    {
        try
        {
            await _state.WriteStateAsync();
            _storedWithPending = false;
        }
        catch (Exception ex)
        {
            _services.Logger.LogWarning("{Grain}: clearing its completed follow-ups failed; they will be carried out again: {Error}", _grain.GetGrainId(), ex.Message);
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            await _state.ReadStateAsync();
            Activated();
        }
        catch (Exception ex)
        {
            _services.Logger.LogWarning("{Grain}: reloading its state failed; deactivating: {Error}", _grain.GetGrainId(), ex.Message);
            _grain.DeactivateOnIdle();
        }
    }

    private void ScheduleRetry(TimeSpan dueTime)
    {
        _retry?.Dispose();
        _retry = _grain.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions { DueTime = dueTime, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private async Task RetryAsync()
    {
        try
        {
            await ResumeAsync();
        }
        catch (FollowUpsPendingException)
        {
            // Logged and rescheduled by ResumeAsync.
        }
    }
}
