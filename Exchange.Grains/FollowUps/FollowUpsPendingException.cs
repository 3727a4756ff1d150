namespace Exchange.Grains.FollowUps;

/// <summary>
/// The change was recorded but something it owes could not be carried out yet (its receiver or the database was
/// unavailable). The owner keeps trying by itself; a retry of the command with the same Idempotency-Key confirms it.
/// </summary>
[GenerateSerializer]
public sealed class FollowUpsPendingException : Exception
{
    public FollowUpsPendingException(string message) : base(message)
    {
    }
}

public static class RecordedCommands
{
    /// <summary>
    /// A command this grain gives another grain has done what was asked once the other grain recorded it, even if the
    /// other grain is still completing that change's own follow-ups (which it carries out by itself).
    /// </summary>
    /// <returns>True if the other grain answered; false if it answered that the change is recorded and completing.</returns>
    public static async Task<bool> RecordedAsync(this Task command)
    {
        try
        {
            await command;
            return true;
        }
        catch (FollowUpsPendingException)
        {
            return false;
        }
    }
}
