using Exchange.Grains.Lists;

namespace Exchange.Grains.Storage;

/// <summary>The lists' entries in memory, with the SQL store's semantics.</summary>
public sealed partial class InMemoryExchangeStore
{
    private readonly Dictionary<(string Kind, string ObjectId), (long Sequence, DirectoryEntry Entry)> _directory = [];
    private long _directorySequence;

    public Task UpsertDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (entry.Kind, entry.ObjectId);
            var (sequence, earlier) = _directory.TryGetValue(key, out var found) ? found : (++_directorySequence, null);
            var kept = earlier?.Parties.Where(p => p.Lasting && !entry.Parties.Contains(p)) ?? [];
            _directory[key] = (sequence, entry with { Parties = [.. entry.Parties.Distinct(), .. kept] });
        }
        return Task.CompletedTask;
    }

    public Task<DirectoryPage> ListDirectoryAsync(DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var party = query.Party?.ToString("N");
            var ownedPatents = party is null || query.Match == DirectoryMatch.Direct ? [] : _directory.Values
                .Where(d => d.Entry.Kind == DirectoryKinds.Patent && d.Entry.Parties.Any(p => p.Party == party && p.Relation == DirectoryRelations.Owner))
                .Select(d => DirectoryParty.PatentParty(d.Entry.ObjectId)).ToHashSet();
            bool Direct(DirectoryEntry e) => e.Parties.Any(p => p.Party == party && (query.Relation is null || p.Relation == query.Relation));
            bool ThroughPatents(DirectoryEntry e) => e.Parties.Any(p => p.Relation == DirectoryRelations.Patent && ownedPatents.Contains(p.Party));
            bool Concerns(DirectoryEntry e) => party is null || query.Match switch
            {
                DirectoryMatch.ThroughOwnedPatents => ThroughPatents(e),
                DirectoryMatch.DirectOrThroughOwnedPatents => Direct(e) || ThroughPatents(e),
                _ => Direct(e),
            };
            var rows = _directory.Values
                .Where(d => d.Entry.Kind == query.Kind && (query.After == 0 || d.Sequence < query.After) && (query.Status is null || d.Entry.Status == query.Status)
                    && (query.Concerning is not { } also || d.Entry.Parties.Any(p => p.Party == also.Party && p.Relation == also.Relation)) && Concerns(d.Entry))
                .OrderByDescending(d => d.Sequence).Take(query.Limit + 1)
                .Select(d => new ListedObject(d.Sequence, d.Entry)).ToArray();
            return Task.FromResult(Paging.Page(rows, query.Limit, r => r.Sequence, (page, next) => new DirectoryPage(page, next)));
        }
    }
}
