namespace Exchange.Grains.Participants;

/// <summary>Storage shape of a participant; never leaves the grain.</summary>
[GenerateSerializer]
internal sealed class ParticipantState
{
    [Id(0)] public int SchemaVersion { get; set; } = 1;
    [Id(1)] public bool IsRegistered { get; set; }
    [Id(2)] public RegisterParticipant? Registration { get; set; }
    [Id(3)] public KycStatus KycStatus { get; set; }
    [Id(4)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(6)] public Licenses.RemunerationPolicy? RemunerationPolicy { get; set; }
}
