using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Api.Participants;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Lists;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Lists;

/// <summary>
/// "Who am I" and the lists of one's own things. Each list is of one kind of object, newest first, paged by cursor,
/// and filtered to what the caller may see: the operator and the regulator see everything (and anyone's lists);
/// everyone else sees the objects that concern them. Patents are public, so anyone's patents may be listed.
/// </summary>
public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me", Me).WithTags("Me").RequireAuthorization().WithName("GetMe").Refuses(DomainErrors.ParticipantNotFound)
            .WithSummary("The caller: its participant record, roles, account and where its lists are.");
        routes.MapGet("/api/me/listings", MyListings).WithTags("Me").RequireAuthorization().WithName("ListMyListings")
            .WithSummary("Listings the caller lists as an agency, or has made offers on (as=agency|bidder).");
        routes.MapGet("/api/participants", Participants).WithTags("Participants").RequireAuthorization().WithName("ListParticipants")
            .WithSummary("Participants (operator or regulator; status=pending for the KYC queue); anyone else sees itself.");
        routes.MapGet("/api/patents", Patents).WithTags("Patents").RequireAuthorization().WithName("ListPatents")
            .WithSummary("Patents of a participant (as=owner|agency; the caller's own by default); staff without a participant see all. "
                + "registration=awaitingConfirmation lists those whose registration awaits confirmation against the patent office's record (the operator's queue).");
        routes.MapGet("/api/licenses", Licenses).WithTags("Licences").RequireAuthorization().WithName("ListLicenses")
            .WithSummary("Licences the caller holds or grants (as=licensee|licensor; the licensors are the patents' current owners).");
        routes.MapGet("/api/patent-transfers", PatentTransfers).WithTags("Patent transfers").RequireAuthorization().WithName("ListPatentTransfers")
            .WithSummary("Patent transfers the caller buys or sells in (as=buyer|seller).");
        return routes;
    }

    public static async Task<Ok<MeResponse>> Me(HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        var participant = await ParticipantsApi.Find(cluster, caller.ParticipantId);
        var account = await cluster.GetGrain<IAccountGrain>(AccountId.ForParticipant(caller.ParticipantId)).GetBalances();
        var lists = new Dictionary<string, string>
        {
            ["patents"] = "/api/patents",
            ["licenses"] = "/api/licenses",
            ["patentTransfers"] = "/api/patent-transfers",
            ["transfers"] = "/api/transfers",
            ["listings"] = "/api/me/listings",
            ["pledges"] = "/api/pledges",
            ["pools"] = "/api/pools",
            ["statement"] = $"/api/accounts/{caller.ParticipantId}/statement",
        };
        return TypedResults.Ok(new MeResponse(ParticipantResponse.From(participant), AccountResponse.From(account), lists));
    }

    public static Task<Ok<ListPageResponse>> MyListings(HttpContext http, IClusterClient cluster,
        [FromQuery(Name = "as")][Values(DirectoryRelations.Agency, DirectoryRelations.Bidder)] string? relation,
        [EnumNames(typeof(ListingStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit) =>
        ListAsync(cluster, ListKind.Listing, Caller.From(http.User).ParticipantId, relation, status, after, limit);

    public static Task<Ok<ListPageResponse>> Participants(HttpContext http, IClusterClient cluster,
        [EnumNames(typeof(KycStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        var caller = Caller.From(http.User);
        return ListAsync(cluster, ListKind.Participant, caller.IsStaff ? null : caller.ParticipantId, null, status, after, limit);
    }

    public static Task<Ok<ListPageResponse>> Patents(HttpContext http, IClusterClient cluster,
        Guid? participant, [FromQuery(Name = "as")][Values(DirectoryRelations.Owner, DirectoryRelations.Agency)] string? relation,
        [EnumNames(typeof(LegalStatus))] string? status, [Values(ListKind.AwaitingConfirmation)] string? registration,
        [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        var caller = Caller.From(http.User);
        // Patents are public: anyone's may be listed; without a participant, staff see all and others their own.
        var party = participant ?? (caller.IsStaff ? null : caller.ParticipantId);
        return ListAsync(cluster, ListKind.Patent, party, relation, status, after, limit, ListKind.PatentRegistration(registration));
    }

    public static Task<Ok<ListPageResponse>> Licenses(HttpContext http, IClusterClient cluster,
        Guid? participant, [FromQuery(Name = "as")][Values(DirectoryRelations.Licensee, ListKind.Licensor)] string? relation,
        [EnumNames(typeof(LicenseStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit) =>
        ListAsync(cluster, ListKind.License, PartyVisibleTo(Caller.From(http.User), participant, "licences"), relation, status, after, limit);

    public static Task<Ok<ListPageResponse>> PatentTransfers(HttpContext http, IClusterClient cluster,
        Guid? participant, [FromQuery(Name = "as")][Values(DirectoryRelations.Buyer, DirectoryRelations.Seller)] string? relation,
        [EnumNames(typeof(PatentTransferStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit) =>
        ListAsync(cluster, ListKind.PatentTransfer, PartyVisibleTo(Caller.From(http.User), participant, "patent transfers"), relation, status, after, limit);

    /// <summary>Whose list the caller may read: its own; staff anyone's, or everything when they name no one.</summary>
    internal static Guid? PartyVisibleTo(Caller caller, Guid? participant, string what)
    {
        if (participant is { } other && other != caller.ParticipantId)
        {
            caller.RequireSelfOrStaff(other, $"list the {what}");
            return other;
        }
        return participant ?? (caller.IsStaff ? null : caller.ParticipantId);
    }

    internal static async Task<Ok<ListPageResponse>> ListAsync(IClusterClient cluster, ListKind kind, Guid? party, string? relation, string? status, long? after, int? limit,
        DirectoryParty? concerning = null)
    {
        var (cursor, size) = Pagination.Validate(after, limit);
        var query = kind.Query(party, relation, status, cursor, size) with { Concerning = concerning };
        var page = await cluster.GetGrain<IDirectoryGrain>(0).List(query);
        var partyKey = party?.ToString("N");
        var items = page.Items.Select(i => new ListedItemResponse(i.Entry.ObjectId, i.Entry.Kind, i.Entry.Status, i.Entry.Title,
            kind.RelationsOf(i.Entry, partyKey), i.Entry.UpdatedAt, kind.Href(i.Entry.ObjectId))).ToArray();
        return TypedResults.Ok(new ListPageResponse(items, page.NextCursor));
    }
}

/// <summary>What each list accepts: its relations (as=), its statuses, and where its objects are read.</summary>
internal sealed record ListKind(string Kind, IReadOnlyList<string> Relations, IReadOnlyList<string> Statuses, Func<string, string> Href, string? ThroughPatentsRelation = null)
{
    public static readonly ListKind Participant = new(DirectoryKinds.Participant, [], StatusesOf<KycStatus>(), id => $"/api/participants/{Guid.Parse(id)}");

    /// <summary>The patents' <c>registration</c> filter: those whose registration the patent office's record has still to confirm.</summary>
    public const string AwaitingConfirmation = "awaitingConfirmation";

    public static readonly ListKind Patent = new(DirectoryKinds.Patent, [DirectoryRelations.Owner, DirectoryRelations.Agency], StatusesOf<LegalStatus>(), id => $"/api/patents/{id}");

    /// <summary>A licence's licensors are not stored with it: they are whoever owns its patents now.</summary>
    /// <summary>The relation a licence has to its licensors: through the patents they own now.</summary>
    public const string Licensor = "licensor";

    public static readonly ListKind License = new(DirectoryKinds.License, [DirectoryRelations.Licensee, Licensor], StatusesOf<LicenseStatus>(), id => $"/api/licenses/{Guid.Parse(id)}", Licensor);

    public static readonly ListKind Listing = new(DirectoryKinds.Listing, [DirectoryRelations.Agency, DirectoryRelations.Bidder], StatusesOf<ListingStatus>(), id => $"/api/listings/{Guid.Parse(id)}");

    public static readonly ListKind PatentTransfer = new(DirectoryKinds.PatentTransfer, [DirectoryRelations.Buyer, DirectoryRelations.Seller], StatusesOf<PatentTransferStatus>(), id => $"/api/patent-transfers/{Guid.Parse(id)}");

    public static readonly ListKind Pledge = new(DirectoryKinds.Pledge, [DirectoryRelations.Pledgee, DirectoryRelations.Pledgor], StatusesOf<Grains.Pledges.PledgeStatus>(), id => $"/api/pledges/{Guid.Parse(id)}");

    public static readonly ListKind Pool = new(DirectoryKinds.Pool, [DirectoryRelations.Originator, DirectoryRelations.Investor], StatusesOf<Grains.Pools.PoolStatus>(), id => $"/api/pools/{Guid.Parse(id)}");

    public static DirectoryParty? PatentRegistration(string? registration) => registration switch
    {
        null => null,
        AwaitingConfirmation => DirectoryParty.PatentOfficeToConfirm,
        _ => throw new DomainException(DomainErrors.InvalidInput, $"'registration' is {AwaitingConfirmation}, or absent for every patent.", "registration"),
    };

    public DirectoryQuery Query(Guid? party, string? relation, string? status, long after, int limit)
    {
        if (relation is not null && !Relations.Contains(relation))
        {
            throw new DomainException(DomainErrors.InvalidInput,
                Relations.Count == 0 ? "This list takes no 'as'." : $"'as' is one of: {string.Join(", ", Relations)}.", "as");
        }
        if (status is not null && !Statuses.Contains(status))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"'status' is one of: {string.Join(", ", Statuses)}.", "status");
        }
        var match = ThroughPatentsRelation is null ? DirectoryMatch.Direct
            : relation is null ? DirectoryMatch.DirectOrThroughOwnedPatents
            : relation == ThroughPatentsRelation ? DirectoryMatch.ThroughOwnedPatents
            : DirectoryMatch.Direct;
        return new DirectoryQuery(Kind, party, match == DirectoryMatch.ThroughOwnedPatents ? null : relation, status, match, after, limit);
    }

    /// <summary>How the entry concerns the party: its own relations, or (when it has none) through the patents it owns.</summary>
    public IReadOnlyList<string> RelationsOf(DirectoryEntry entry, string? party)
    {
        if (party is null)
        {
            return [];
        }
        string[] direct = [.. entry.Parties.Where(p => p.Party == party).Select(p => p.Relation).Distinct()];
        return direct.Length == 0 && ThroughPatentsRelation is { } through ? [through] : direct;
    }

    private static string[] StatusesOf<TStatus>() where TStatus : struct, Enum => [.. Enum.GetValues<TStatus>().Select(DirectoryStatus.Of)];
}
