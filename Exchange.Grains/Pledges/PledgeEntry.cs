using Exchange.Grains.Lists;

namespace Exchange.Grains.Pledges;

/// <summary>The pledge in the lists: it concerns its pledgee, its pledgors and its patents.</summary>
internal static class PledgeEntry
{
    public static DirectoryEntry? Of(Guid id, PledgeState state) => state.Application is not { } application ? null
        : new DirectoryEntry(DirectoryKinds.Pledge, id.ToString("N"), DirectoryStatus.Of(state.Status),
            $"Pledge of {Collateral(application)} securing {application.Loan.Principal}",
            [
                DirectoryParty.Participant(application.PledgeeId, DirectoryRelations.Pledgee, lasting: true),
                .. state.Pledgors.Select(p => DirectoryParty.Participant(p, DirectoryRelations.Pledgor, lasting: true)),
                .. application.ApplicationNumbers.Select(DirectoryParty.Patent),
            ], default);

    private static string Collateral(PledgeApplication application) => string.Join(", ",
        [.. application.ApplicationNumbers, .. application.RoyaltyLicenses.Select(l => $"royalties of licence {l:N}")]);
}
