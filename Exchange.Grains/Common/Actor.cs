namespace Exchange.Grains.Common;

/// <summary>The authenticated participant on whose behalf a command runs; every audit entry names one.</summary>
[GenerateSerializer, Immutable]
public sealed record Actor([property: Id(0)] Guid ParticipantId, [property: Id(1)] string Roles)
{
    public static readonly Actor System = new(Guid.Empty, "system");
}
