using Exchange.Grains.Common;
using Exchange.Grains.Lists;
using Microsoft.Extensions.Logging;

namespace Exchange.Grains.FollowUps;

/// <summary>
/// The one way a grain of the exchange persists a change: the new state and what the change owes beyond it (its
/// <see cref="FollowUp"/>s) are written together, then the follow-ups are carried out in order until each is done.
/// Whatever a failure or a crash leaves undone is carried out on the next state-changing call (so a client's retry of
/// the command confirms it), by a retry timer with jittered back-off while the activation lives, on activation, and by
/// the sweep after a restart (<see cref="FollowUpSweepService"/>). Once all are done the state is written again without
/// them, which also clears the storage's note that the grain owes something.
/// <para>
/// Follow-ups run inside <see cref="RequestContext.AllowCallChainReentrancy"/>: a receiver may call back into this
/// grain within the same call chain (a licence told that its patent was invalidated frees its claim on that patent)
/// instead of deadlocking on it. A call arriving that way finds the follow-ups already running and does not start
/// them again; the outer run carries out whatever it adds. Two grains whose commands owe each other follow-ups at the
/// same moment (a listing withdrawn while its patent is invalidated) would each wait for the other: a call to another
/// grain is given up after <see cref="FollowUpOptions.CallTimeout"/> (<see cref="FollowUpContext.CallAsync"/>) and
/// retried, by which time the other side has finished; the abandoned call still runs, first, at its receiver.
/// </para>
/// <para>
/// A receiver that refuses a follow-up by a domain rule would refuse it again: such a follow-up is set aside
/// (<see cref="Outbox.Failed"/>, logged as an error) rather than block the grain. A receiver that answers that it
/// recorded the change but is still completing its own follow-ups has done what was asked.
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
    private readonly Func<DirectoryEntry?>? _listed;
    private string? _listedContent;

    /// <param name="listed">The grain's entry in the lists as its state now reads (null while it has none): every commit that changes it owes its rewrite.</param>
    public FollowUpRunner(Grain grain, IPersistentState<TState> state, FollowUpServices services, Func<DirectoryEntry?>? listed = null)
    {
        _grain = grain;
        _state = state;
        _services = services;
        _listed = listed;
        _context = services.ContextFor(grain as IFollowUpHost);
    }

    private Outbox Outbox => _state.State.Outbox;

    /// <summary>Call from <c>OnActivateAsync</c>: what the stored state still owes is carried out right after activation.</summary>
    public void Activated()
    {
        _storedWithPending = Outbox.Pending.Count > 0;
        if (_storedWithPending)
        {
            ScheduleRetry(TimeSpan.Zero);
        }
    }

    /// <summary>Writes the state with <paramref name="followUps"/> appended to what it owes, then carries them all out.</summary>
    /// <exception cref="FollowUpsPendingException">The change is recorded but a follow-up could not be carried out yet.</exception>
    public async Task CommitAsync(params IEnumerable<FollowUp> followUps)
    {
        Outbox.Owner = _grain.GetGrainId().ToString();
        Outbox.Pending.AddRange(followUps);
        var listed = _listed?.Invoke();
        if (listed is not null && listed.Content != _listedContent)
        {
            Outbox.Pending.Add(new UpsertDirectoryEntry(listed with { UpdatedAt = _services.Clock.GetUtcNow() }));
        }
        await WriteAsync();
        _listedContent = listed?.Content ?? _listedContent;
        _storedWithPending = Outbox.Pending.Count > 0;
        if (_storedWithPending)
        {
            await _services.Hooks.AfterStateWriteAsync(Outbox.Pending);
        }
        if (await DrainAsync() is { } stuck)
        {
            throw new FollowUpsPendingException(
                $"The change to {_grain.GetGrainId()} is recorded; completing it ({stuck}) is being retried. Retrying the command with the same Idempotency-Key confirms it.");
        }
    }

    /// <summary>
    /// Carries out whatever is pending. Every state-changing call of a grain starts with this, so a repeated command
    /// finishes what its first attempt left undone before it answers.
    /// </summary>
    /// <exception cref="ObjectBusyException">An earlier change's follow-up could not be carried out yet: the calling command is not applied.</exception>
    public async Task ResumeAsync()
    {
        if (await DrainAsync() is { } stuck)
        {
            throw new ObjectBusyException(
                $"{_grain.GetGrainId()} is still completing an earlier change ({stuck}); this command was not applied. Retry shortly with the same Idempotency-Key.");
        }
    }

    /// <summary>Carries the pending follow-ups out in order; the id of the one that could not be carried out yet, or null when all are done.</summary>
    private async Task<string?> DrainAsync()
    {
        if (_running || (Outbox.Pending.Count == 0 && !_storedWithPending))
        {
            return null;
        }
        _running = true;
        try
        {
            using (RequestContext.AllowCallChainReentrancy())
            {
                while (Outbox.Pending.Count > 0)
                {
                    var next = Outbox.Pending[0];
                    var failure = await RunAsync(next);
                    if (failure is not null && !IsPermanent(failure))
                    {
                        ScheduleRetryAfter(next, failure);
                        return next.Id;
                    }
                    if (failure is not null)
                    {
                        SetAside(next, failure);
                    }
                    Outbox.Pending.Remove(next);
                }
            }
            _failures = 0;
            _retry?.Dispose();
            _retry = null;
            if (_storedWithPending)
            {
                await ClearStoredFollowUpsAsync();
            }
            return null;
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<Exception?> RunAsync(FollowUp followUp)
    {
        try
        {
            await followUp.RunAsync(_context);
            return null;
        }
        catch (FollowUpsPendingException)
        {
            // The receiver recorded what was asked and completes its own follow-ups by itself.
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>A refusal by a domain rule stands; a concurrent update, an outage, a timeout or a busy receiver passes.</summary>
    private static bool IsPermanent(Exception failure) =>
        failure is DomainException { Error: var error } && error != DomainErrors.ConcurrentUpdate && error != DomainErrors.RequestInProgress;

    private void ScheduleRetryAfter(FollowUp followUp, Exception failure)
    {
        _failures++;
        var backOff = Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(_failures - 1, 20));
        // Jittered, so two grains that failed on each other do not retry in lockstep.
        var wait = TimeSpan.FromTicks((long)(backOff * (0.75 + Random.Shared.NextDouble() / 2)));
        _services.Logger.LogWarning("{Grain}: follow-up {FollowUp} failed ({Failures} time(s)), retrying in {Wait}: {Error}",
            _grain.GetGrainId(), followUp.Id, _failures, wait, failure.Message);
        ScheduleRetry(wait);
    }

    private void SetAside(FollowUp followUp, Exception refusal)
    {
        _services.Logger.LogError("{Grain}: follow-up {FollowUp} was refused by its receiver and is set aside: {Error}", _grain.GetGrainId(), followUp.Id, refusal.Message);
        Outbox.Failed.Add(new FailedFollowUp(followUp, refusal.Message, _services.Clock.GetUtcNow()));
        if (Outbox.Failed.Count > Outbox.MaxFailed)
        {
            Outbox.Failed.RemoveAt(0);
        }
        _storedWithPending = true; // the set-aside entry is stored with the clearing write
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
        // Failures are logged and rescheduled by the drain itself.
        await DrainAsync();
    }
}
