using Exchange.Grains.Audit;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Common;

/// <summary>The one way a grain of the exchange persists a change: write the state, then append its audit entry.</summary>
internal static class AuditedWrites
{
    /// <summary>
    /// Writes the state and appends the audit entry for <paramref name="objectId"/>. After a failed write memory is
    /// ahead of storage (Orleans does not retry), so the activation is dropped and the next call reloads what is
    /// really stored. <paramref name="entryId"/> names the change, so a retried command appends it once.
    /// </summary>
    public static async Task WriteAndAuditAsync<TState>(this IPersistentState<TState> state, IGrainBase grain, IAuditStore store,
        string objectId, string entryId, string action, Actor actor, DateTimeOffset at, string details)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
        await store.AppendAuditAsync(new AuditEntry(entryId, objectId, action, actor.ParticipantId, at, details));
    }
}
