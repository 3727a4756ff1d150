namespace Exchange.Grains.Common;

/// <summary>
/// A grain's reminder for its deadlines: registered while deadlines run, removed once they end. In PostgreSQL mode
/// reminders are durable; in the embedded mode they live in memory and the grains marked for waking at start-up
/// (<see cref="WakeupKinds"/>) register theirs again as they activate. A command that starts deadlines keeps the
/// reminder before it writes (a reminder firing for nothing does no harm; a missing one loses the deadline), and one
/// that ends them stops it after; a tick that finds no deadline running stops it too.
/// </summary>
internal sealed record DeadlineReminder(string Name, TimeSpan Period)
{
    public Task KeepAsync(Grain grain, bool running) => running ? grain.RegisterOrUpdateReminder(Name, TimeSpan.FromMinutes(1), Period) : StopAsync(grain);

    /// <summary>
    /// A reminder tick: this reminder runs <paramref name="check"/>; any other name is a reminder an earlier version
    /// registered (a settlement reminder, before settlements became follow-ups), which is unregistered.
    /// </summary>
    public async Task TickAsync(Grain grain, string reminderName, Func<Task> check)
    {
        if (reminderName == Name)
        {
            await check();
        }
        else if (await grain.GetReminder(reminderName) is { } stale)
        {
            await grain.UnregisterReminder(stale);
        }
    }

    public async Task StopAsync(Grain grain)
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
