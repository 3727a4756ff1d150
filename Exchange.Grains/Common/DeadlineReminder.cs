namespace Exchange.Grains.Common;

/// <summary>
/// A grain's reminder for its deadlines: registered while deadlines run, removed once they end. In PostgreSQL mode
/// reminders are durable; in the embedded mode they live in memory and the grains marked for waking at start-up
/// (<see cref="WakeupKinds"/>) register theirs again as they activate.
/// </summary>
internal sealed record DeadlineReminder(string Name, TimeSpan Period)
{
    public Task KeepAsync(Grain grain, bool running) => running ? grain.RegisterOrUpdateReminder(Name, TimeSpan.FromMinutes(1), Period) : StopAsync(grain);

    public async Task StopAsync(Grain grain)
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
