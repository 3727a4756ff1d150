namespace Exchange.Grains.Storage;

/// <summary>
/// What must be woken after a restart: grains whose deadlines run on reminders where reminders live in memory
/// (the embedded mode), and grains whose stored state still owes follow-ups.
/// </summary>
public interface IDeadlineStore
{
    /// <summary>Marks a grain as one to wake at start-up where reminders do not survive a restart; or clears the mark.</summary>
    Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grains of the service whose stored state has owed follow-ups for at least <paramref name="quietFor"/> (their
    /// owner did not finish them: a crash, or a receiver down), by grain id after <paramref name="afterOwner"/>. The
    /// grain storage notes them with every state write (deploy/sql); stores without grain storage of their own have none.
    /// </summary>
    Task<IReadOnlyList<string>> ReadUnfinishedFollowUpOwnersAsync(string serviceId, TimeSpan quietFor, string afterOwner, int limit, CancellationToken cancellationToken = default);
}
