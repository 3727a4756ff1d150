using Exchange.Grains.Lists;

namespace Exchange.Grains.Participants;

/// <summary>The participant in the lists: its legal name and KYC status; it concerns itself.</summary>
internal static class ParticipantEntry
{
    public static DirectoryEntry? Of(Guid id, ParticipantState state) => state.Registration is not { } registration ? null
        : new DirectoryEntry(DirectoryKinds.Participant, id.ToString("N"), DirectoryStatus.Of(state.KycStatus), registration.LegalName,
            [DirectoryParty.Participant(id, DirectoryRelations.Self, lasting: true)], default);
}
