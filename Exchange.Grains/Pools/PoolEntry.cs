using Exchange.Grains.Lists;

namespace Exchange.Grains.Pools;

/// <summary>
/// The pool in the lists: it concerns its originator and its investors — everyone who subscribed or ever held units, so
/// a holder who sold out still finds its statement — and, while its window is open, the market.
/// </summary>
internal static class PoolEntry
{
    public static DirectoryEntry? Of(Guid id, PoolRecord state) => state.Definition is not { } definition ? null
        : new DirectoryEntry(DirectoryKinds.Pool, id.ToString("N"), DirectoryStatus.Of(state.Status),
            $"{definition.Name}: {definition.Tranches.Count} tranche(s), {PoolFacts.Offered(definition)} offered",
            [
                DirectoryParty.Participant(state.OriginatorId, DirectoryRelations.Originator, lasting: true),
                .. state.Subscriptions.Select(s => s.InvestorId).Concat(state.HoldersEver).Distinct()
                    .Select(i => DirectoryParty.Participant(i, DirectoryRelations.Investor, lasting: true)),
                .. PoolLifecycle.InTheMarket(state.Status) ? [DirectoryParty.PoolMarket] : Array.Empty<DirectoryParty>(),
            ], default);
}
