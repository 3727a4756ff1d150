namespace Exchange.Grains.Lists;

/// <summary>
/// A page of one kind of object, newest first. With <see cref="Party"/>, only objects that concern that participant,
/// as <see cref="Match"/> says: directly (as <see cref="Relation"/>, if given), or through the patents it now owns (a
/// licence's licensors are its patents' current owners), or either.
/// </summary>
/// <param name="After">The cursor: the sequence of the last entry of the previous page, or 0.</param>
/// <param name="Concerning">Only objects that also have this party in this relation (a patent whose registration the office has still to confirm).</param>
[GenerateSerializer, Immutable]
public sealed record DirectoryQuery(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid? Party,
    [property: Id(2)] string? Relation,
    [property: Id(3)] string? Status,
    [property: Id(4)] DirectoryMatch Match,
    [property: Id(5)] long After,
    [property: Id(6)] int Limit,
    [property: Id(7)] DirectoryParty? Concerning = null);

public enum DirectoryMatch
{
    Direct = 0,
    ThroughOwnedPatents = 1,
    DirectOrThroughOwnedPatents = 2,
}

/// <summary>An entry with its place in the list (its first write's sequence, the cursor of the next page).</summary>
[GenerateSerializer, Immutable]
public sealed record ListedObject([property: Id(0)] long Sequence, [property: Id(1)] DirectoryEntry Entry);

[GenerateSerializer, Immutable]
public sealed record DirectoryPage([property: Id(0)] IReadOnlyList<ListedObject> Items, [property: Id(1)] long? NextCursor);
