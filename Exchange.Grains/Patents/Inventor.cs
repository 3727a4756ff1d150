namespace Exchange.Grains.Patents;

/// <summary>
/// An inventor. A service invention (职务发明) belongs to the employer, and the inventor is owed remuneration
/// from licence income (domain.md §5), so the employer is recorded with it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Inventor([property: Id(0)] string Name, [property: Id(1)] bool IsServiceInvention, [property: Id(2)] Guid? EmployerParticipantId);
