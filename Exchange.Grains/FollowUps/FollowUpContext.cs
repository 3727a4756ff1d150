using Exchange.Grains.Events;
using Exchange.Grains.Storage;

namespace Exchange.Grains.FollowUps;

/// <summary>What a follow-up may use to carry itself out.</summary>
/// <param name="CallTimeout"><see cref="FollowUpOptions.CallTimeout"/>.</param>
/// <param name="Host">The owning grain, for steps it carries out itself (<see cref="ContinueLocally"/>).</param>
public sealed record FollowUpContext(
    IGrainFactory Grains,
    IAuditStore Audit,
    IProjectionStore Projections,
    IDirectoryStore Directory,
    IDeadlineStore Deadlines,
    IEventPublisher Events,
    IFollowUpHost? Host,
    TimeSpan CallTimeout)
{
    /// <summary>
    /// A call to another grain, given up after <see cref="CallTimeout"/> so that the follow-up is retried rather than
    /// wait out a cycle (two grains each carrying out a follow-up to the other). Every follow-up is idempotent, so the
    /// abandoned call running later at its receiver (before any retry, in arrival order) changes nothing twice.
    /// </summary>
    public Task CallAsync(Task call) => call.WaitAsync(CallTimeout);

    public Task<T> CallAsync<T>(Task<T> call) => call.WaitAsync(CallTimeout);
}

/// <summary>A grain with steps of its own to take after a write (<see cref="ContinueLocally"/>).</summary>
public interface IFollowUpHost
{
    Task ContinueAsync(string step);
}
