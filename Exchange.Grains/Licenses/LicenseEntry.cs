using Exchange.Grains.Lists;

namespace Exchange.Grains.Licenses;

/// <summary>
/// The licence in the lists: it concerns its licensee and its patents, and through them its licensors, who are
/// whoever owns those patents now (the list of a licensor's licences joins the patents' entries).
/// </summary>
internal static class LicenseEntry
{
    public static DirectoryEntry? Of(Guid id, LicenseState state) => state.Draft is not { } agreement ? null
        : new DirectoryEntry(DirectoryKinds.License, id.ToString("N"), DirectoryStatus.Of(state.Status),
            $"{agreement.Terms.Type} licence of {string.Join(", ", agreement.ApplicationNumbers)}",
            [
                DirectoryParty.Participant(agreement.Licensee, DirectoryRelations.Licensee, lasting: true),
                .. agreement.ApplicationNumbers.Select(DirectoryParty.Patent),
            ], default);
}
