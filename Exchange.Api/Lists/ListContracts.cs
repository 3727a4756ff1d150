using Exchange.Api.Ledger;
using Exchange.Api.Participants;

namespace Exchange.Api.Lists;

/// <summary>One object in a list: what it is, its status and title as of its last change, and where to read it whole.</summary>
/// <param name="Id">The object's id (a participant, licence, listing or transfer id) or application number.</param>
/// <param name="Kind">participant, patent, license, listing or patent-transfer.</param>
/// <param name="Status">The object's status as its own resource spells it.</param>
/// <param name="Title">A name, title or one-line description.</param>
/// <param name="Relations">How the object concerns the participant the list is of (owner, licensee, bidder, ...); empty in the staff's lists of everything.</param>
/// <param name="UpdatedAt">When the entry last changed.</param>
/// <param name="Href">The object's own resource.</param>
public sealed record ListedItemResponse(string Id, string Kind, string Status, string Title, IReadOnlyList<string> Relations, DateTimeOffset UpdatedAt, string Href);

/// <summary>A page of a list, newest first; pass <c>NextCursor</c> as <c>after</c> for the next page (null: this is the last).</summary>
public sealed record ListPageResponse(IReadOnlyList<ListedItemResponse> Items, long? NextCursor);

/// <summary>Who the caller is: its participant record, its account and where its lists are.</summary>
public sealed record MeResponse(ParticipantResponse Participant, AccountResponse Account, IReadOnlyDictionary<string, string> Lists);
