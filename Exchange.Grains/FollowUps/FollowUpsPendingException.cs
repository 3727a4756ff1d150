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
