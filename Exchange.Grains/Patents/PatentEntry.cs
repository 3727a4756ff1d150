using Exchange.Grains.Lists;

namespace Exchange.Grains.Patents;

/// <summary>
/// The patent in the lists: its title and legal status; it concerns its current owners and mandated agencies, and the
/// patent office while its registration awaits confirmation against the office's record.
/// </summary>
internal static class PatentEntry
{
    public static DirectoryEntry? Of(string number, PatentState state) => state.Registration is not { } record ? null
        : new DirectoryEntry(DirectoryKinds.Patent, number, DirectoryStatus.Of(state.LegalStatus), record.Title,
        [
            .. record.Owners.Select(o => DirectoryParty.Participant(o.ParticipantId, DirectoryRelations.Owner)),
            .. state.Mandates.Select(m => m.AgencyId).Distinct().Select(a => DirectoryParty.Participant(a, DirectoryRelations.Agency)),
            .. state.OfficeRecord is null ? [DirectoryParty.PatentOfficeToConfirm] : Array.Empty<DirectoryParty>(),
        ], default);
}
