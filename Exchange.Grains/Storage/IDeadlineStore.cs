namespace Exchange.Grains.Storage;

/// <summary>
/// What must be woken after a restart: grains whose deadlines run on reminders where reminders live in memory
/// (the embedded mode).
/// </summary>
public interface IDeadlineStore
{
    /// <summary>Marks a grain as one to wake at start-up where reminders do not survive a restart; or clears the mark.</summary>
    Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default);
}
