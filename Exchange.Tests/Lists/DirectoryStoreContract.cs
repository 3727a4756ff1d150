using Exchange.Grains.Lists;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Lists;

/// <summary>The lists' store, the same on memory, SQLite and PostgreSQL.</summary>
public abstract class DirectoryStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    protected abstract IExchangeStore Store { get; }

    // Each test uses its own kind, so that the stores' other rows never show in its lists.
    private readonly string _kind = "test-" + Guid.NewGuid().ToString("N")[..8];

    private DirectoryEntry Entry(string id, string status, params DirectoryParty[] parties) => new(_kind, id, status, "Title of " + id, parties, At);

    private Task<DirectoryPage> ListAsync(Guid? party = null, string? relation = null, string? status = null, DirectoryMatch match = DirectoryMatch.Direct, long after = 0, int limit = 10,
        DirectoryParty? concerning = null) =>
        Store.ListDirectoryAsync(new DirectoryQuery(_kind, party, relation, status, match, after, limit, concerning));

    [Fact]
    public async Task Entries_AreListedNewestFirst_InPages_AndARewriteKeepsTheirPlace()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.UpsertDirectoryEntryAsync(Entry($"o{i}", "open"));
        }
        await Store.UpsertDirectoryEntryAsync(Entry("o1", "closed") with { Title = "renamed" });

        var first = await ListAsync(limit: 2);
        Assert.Equal(["o4", "o3"], first.Items.Select(i => i.Entry.ObjectId));
        Assert.NotNull(first.NextCursor);
        var second = await ListAsync(after: first.NextCursor!.Value, limit: 2);
        Assert.Equal(["o2", "o1"], second.Items.Select(i => i.Entry.ObjectId));
        Assert.Equal(("closed", "renamed"), (second.Items[1].Entry.Status, second.Items[1].Entry.Title));
        var last = await ListAsync(after: second.NextCursor!.Value, limit: 2);
        Assert.Equal(["o0"], last.Items.Select(i => i.Entry.ObjectId));
        Assert.Null(last.NextCursor);

        Assert.Equal(["o1"], (await ListAsync(status: "closed")).Items.Select(i => i.Entry.ObjectId));
    }

    [Fact]
    public async Task OverdueFilings_ArePagedByDeadlineThenLicence_WithoutGapsOrRepeats()
    {
        // A day far in the future, so that the store's other rows are all overdue too: the pages must cover them all once.
        var today = new DateOnly(2400, 1, 1);
        var mine = Enumerable.Range(0, 5).Select(i => (Id: Guid.NewGuid(), Deadline: new DateOnly(2399, 1, 1 + i % 2))).ToArray();
        foreach (var (id, deadline) in mine)
        {
            await Store.SetFilingAsync(id, deadline, null);
        }
        await Store.SetFilingAsync(Guid.NewGuid(), new DateOnly(2399, 1, 1), new DateOnly(2399, 1, 1)); // filed: not overdue

        var seen = new List<Exchange.Grains.Navigation.OverdueFiling>();
        Exchange.Grains.Navigation.OverdueFiling? after = null;
        while (true)
        {
            var page = await Store.ReadOverdueFilingsAsync(today, after, 2);
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }
            after = page[^1];
        }
        Assert.Equal(seen.Count, seen.Select(f => f.LicenseId).Distinct().Count());
        Assert.Equal(seen.OrderBy(f => f.Deadline).Select(f => f.Deadline), seen.Select(f => f.Deadline));
        Assert.All(mine, m => Assert.Contains(seen, f => f.LicenseId == m.Id));
    }

    [Fact]
    public async Task CurrentPartiesAreReplaced_LastingOnesStay()
    {
        var (seller, buyer, bidder) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Store.UpsertDirectoryEntryAsync(Entry("p", "inForce", DirectoryParty.Participant(seller, "owner"), DirectoryParty.Participant(bidder, "bidder", lasting: true)));
        await Store.UpsertDirectoryEntryAsync(Entry("p", "inForce", DirectoryParty.Participant(buyer, "owner")));
        await Store.UpsertDirectoryEntryAsync(Entry("p", "inForce", DirectoryParty.Participant(buyer, "owner"))); // a repeat changes nothing

        Assert.Empty((await ListAsync(seller)).Items);
        var listed = Assert.Single((await ListAsync(buyer, "owner")).Items);
        Assert.Equal(2, listed.Entry.Parties.Count);
        Assert.Single((await ListAsync(bidder, "bidder")).Items);
        Assert.Empty((await ListAsync(bidder, "owner")).Items);
    }

    [Fact]
    public async Task ObjectsConcerningTheOffice_AreListedWhileTheyDo_WithOrWithoutAParty()
    {
        var (owner, other) = (Guid.NewGuid(), Guid.NewGuid());
        var waiting = Entry("waiting", "pending", DirectoryParty.Participant(owner, "owner"), DirectoryParty.PatentOfficeToConfirm);
        await Store.UpsertDirectoryEntryAsync(waiting);
        await Store.UpsertDirectoryEntryAsync(Entry("confirmed", "pending", DirectoryParty.Participant(owner, "owner")));
        await Store.UpsertDirectoryEntryAsync(Entry("others", "pending", DirectoryParty.Participant(other, "owner"), DirectoryParty.PatentOfficeToConfirm));

        Assert.Equal(["others", "waiting"], (await ListAsync(concerning: DirectoryParty.PatentOfficeToConfirm)).Items.Select(i => i.Entry.ObjectId));
        Assert.Equal(["waiting"], (await ListAsync(owner, concerning: DirectoryParty.PatentOfficeToConfirm)).Items.Select(i => i.Entry.ObjectId));
        Assert.Equal(3, (await ListAsync()).Items.Count);

        // Confirmed: the office is no longer a party, and the entry leaves the queue.
        await Store.UpsertDirectoryEntryAsync(waiting with { Parties = [DirectoryParty.Participant(owner, "owner")] });
        Assert.Equal(["others"], (await ListAsync(concerning: DirectoryParty.PatentOfficeToConfirm)).Items.Select(i => i.Entry.ObjectId));
    }

    [Fact]
    public async Task ObjectsOnPatents_AreListedForThePatentsCurrentOwners()
    {
        var (owner, licensee, newOwner) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var number = "2024" + Random.Shared.Next(10_000_000, 99_999_999) + ".X";
        var patent = new DirectoryEntry(DirectoryKinds.Patent, number, "granted", "A patent", [DirectoryParty.Participant(owner, DirectoryRelations.Owner)], At);
        await Store.UpsertDirectoryEntryAsync(patent);
        await Store.UpsertDirectoryEntryAsync(Entry("licence", "active", DirectoryParty.Participant(licensee, "licensee", lasting: true), DirectoryParty.Patent(number)));

        Assert.Single((await ListAsync(owner, match: DirectoryMatch.ThroughOwnedPatents)).Items);
        Assert.Empty((await ListAsync(owner)).Items); // not a direct party
        Assert.Single((await ListAsync(licensee, match: DirectoryMatch.DirectOrThroughOwnedPatents)).Items);
        Assert.Empty((await ListAsync(licensee, match: DirectoryMatch.ThroughOwnedPatents)).Items);

        await Store.UpsertDirectoryEntryAsync(patent with { Parties = [DirectoryParty.Participant(newOwner, DirectoryRelations.Owner)] });
        Assert.Empty((await ListAsync(owner, match: DirectoryMatch.ThroughOwnedPatents)).Items);
        Assert.Single((await ListAsync(newOwner, match: DirectoryMatch.DirectOrThroughOwnedPatents)).Items);
    }
}

public sealed class InMemoryDirectoryStoreTests : DirectoryStoreContract
{
    protected override IExchangeStore Store { get; } = new InMemoryExchangeStore();
}

public sealed class SqliteDirectoryStoreTests : DirectoryStoreContract, IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"exchange-directory-{Guid.NewGuid():N}.db");
    private SqlExchangeStore _store = null!;

    protected override IExchangeStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = new SqlExchangeStore(new SqliteFile(_path), SqlDialect.Sqlite);
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

public sealed class PostgreSqlDirectoryStoreTests(PostgresFixture postgres) : DirectoryStoreContract, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SqlExchangeStore _store = null!;

    protected override IExchangeStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = postgres.CreateStore();
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
