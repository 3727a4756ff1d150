using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Participants;

/// <summary>Storage shape of a participant; never leaves the grain.</summary>
internal sealed class ParticipantState : IHasOutbox
{
    /// <summary>2: the registration is a <see cref="ParticipantRegistration"/> and the state carries an outbox (the JSON is unchanged).</summary>
    public const int CurrentSchema = 2;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public bool IsRegistered { get; set; }
    public ParticipantRegistration? Registration { get; set; }
    public KycStatus KycStatus { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Licenses.RemunerationPolicy? RemunerationPolicy { get; set; }
    public Outbox Outbox { get; set; } = new();

    /// <summary>
    /// Brings a version-1 row up to this schema; true when it must be written. Version 1 told the account of a KYC
    /// decision again on every repeat instead of owing it: a notification lost before the upgrade is owed once now.
    /// </summary>
    public bool Upgrade(Guid participantId, string owner, DateTimeOffset now)
    {
        var changed = SchemaVersion < CurrentSchema && Registration is not null;
        if (changed)
        {
            Outbox.Owner = owner;
            Outbox.Pending.Add(new TellAccountOfKyc(participantId, KycStatus, now.UtcTicks));
        }
        SchemaVersion = CurrentSchema;
        return changed;
    }
}
