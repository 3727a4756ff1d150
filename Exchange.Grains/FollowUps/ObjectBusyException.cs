namespace Exchange.Grains.FollowUps;

/// <summary>
/// The object is still completing an earlier change (a follow-up it owes could not be carried out yet), so this
/// command was not applied; nothing of it was recorded. It is safe to retry shortly with the same Idempotency-Key.
/// </summary>
[GenerateSerializer]
public sealed class ObjectBusyException : Exception
{
    public ObjectBusyException(string message) : base(message)
    {
    }
}
