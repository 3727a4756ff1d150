namespace Exchange.Grains.Participants;

/// <summary>The legal form of a participant (domain.md §1).</summary>
public enum ParticipantKind
{
    Individual = 0,
    Enterprise = 1,
    UniversityOrInstitute = 2,
    Bank = 3,
    GovernmentBody = 4,
}
