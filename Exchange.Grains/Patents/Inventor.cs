namespace Exchange.Grains.Patents;

/// <summary>
/// An inventor. A service invention (职务发明) belongs to the employer, and the inventor is owed remuneration
/// from licence income (domain.md §5), so the employer is recorded with it; an inventor registered as a
/// participant is paid that remuneration into its own account.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Inventor(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsServiceInvention,
    [property: Id(2)] Guid? EmployerParticipantId,
    [property: Id(3)] Guid? ParticipantId = null);
