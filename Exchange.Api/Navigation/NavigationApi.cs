using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Navigation;

public sealed record ListingSummaryResponse(
    Guid ListingId,
    Guid AgencyId,
    IReadOnlyList<string> ApplicationNumbers,
    IReadOnlyList<string> IpcClasses,
    LicenseType? LicenseType,
    decimal? AskingPrice,
    DateOnly ExpiresOn,
    ListingStatus Status,
    DateTimeOffset CreatedAt);

public sealed record ListingSearchResponse(IReadOnlyList<ListingSummaryResponse> Listings, string? Next);

public sealed record DealStatisticResponse(string IpcSubclass, DealKind Kind, int Count, decimal MedianPrice);

public static class NavigationApi
{
    public const int MaxIpcPrefixLength = 20;
    public const int MaxKeywordLength = 100;

    /// <summary>The cursor a search returns (<see cref="ListingCursor.Encode"/>): ticks, an underscore, the listing id without hyphens.</summary>
    public const string CursorPattern = "^[0-9]{1,19}_[0-9A-Fa-f]{32}$";
    public const int MaxCursorLength = 52;

    public static void MapNavigationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/listings", Search).WithTags("Navigation").RequireAuthorization().WithName("SearchListings")
            .WithSummary("Patent navigation: listings by IPC prefix, keyword, licence type, price range, status and owner; newest first, paged by cursor.");
        routes.MapGet("/api/market/deals", Deals).WithTags("Navigation").RequireAuthorization().WithName("DealStatistics")
            .WithSummary("Market data: count and median price of completed deals per IPC subclass, in a period (default: the last 365 days).");
    }

    public static async Task<Ok<ListingSearchResponse>> Search(
        [Text(MaxIpcPrefixLength, Printable = false)] string? ipc,
        [Text(MaxKeywordLength, Printable = false)] string? keyword,
        [EnumNames(typeof(LicenseType))] string? licenseType,
        [Yuan(Signed = true)] decimal? minPrice,
        [Yuan(Signed = true)] decimal? maxPrice,
        [EnumNames(typeof(ListingStatus))] string? status,
        Guid? owner,
        [Text(MaxCursorLength, Pattern = CursorPattern)] string? after,
        [Whole(1, Pagination.MaxLimit)] int? limit,
        IClusterClient cluster)
    {
        var (_, size) = Pagination.Validate(0, limit);
        if (ipc is { Length: 0 or > MaxIpcPrefixLength } || keyword is { Length: 0 or > MaxKeywordLength })
        {
            throw new DomainException(DomainErrors.InvalidInput, $"An IPC prefix has 1–{MaxIpcPrefixLength} characters and a keyword 1–{MaxKeywordLength}.",
                ipc is { Length: 0 or > MaxIpcPrefixLength } ? "ipc" : "keyword");
        }
        var query = new ListingQuery(ipc, keyword, ParseEnum<LicenseType>(licenseType, "licenseType"), minPrice is { } min ? Money.FromYuan(min).Fen : null, maxPrice is { } max ? Money.FromYuan(max).Fen : null,
            ParseEnum<ListingStatus>(status, "status") ?? ListingStatus.Open, owner, ListingCursor.Decode(after), size);
        var page = await cluster.GetGrain<INavigationGrain>(0).Search(query);
        var listings = page.Listings.Select(l => new ListingSummaryResponse(l.ListingId, l.AgencyId, l.ApplicationNumbers, l.IpcClasses, l.LicenseType,
            l.AskingPriceFen is { } fen ? new Money(fen).Yuan : null, l.ExpiresOn, l.Status, l.CreatedAt)).ToArray();
        return TypedResults.Ok(new ListingSearchResponse(listings, page.Next?.Encode()));
    }

    /// <summary>Query values name enums as the JSON bodies do ("ordinary", "open"), in any case.</summary>
    private static T? ParseEnum<T>(string? value, string field) where T : struct, Enum =>
        value is null ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw new DomainException(DomainErrors.InvalidInput, $"The query parameter '{field}' must be {InputDescriptions.OfText(typeof(T), field)}, not '{ParameterErrors.Shorten(value)}'.", field);

    public static async Task<Ok<IReadOnlyList<DealStatisticResponse>>> Deals([Text(MaxIpcPrefixLength, Printable = false)] string? ipc, DateOnly? from, DateOnly? to,
        IClusterClient cluster, TimeProvider clock)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        if (end.Year < 2000 || end.Year > 9000 || from is { Year: < 1900 or > 9000 })
        {
            throw new DomainException(DomainErrors.InvalidInput, "The period lies between the years 1900 and 9000.", "to");
        }
        var start = from ?? end.AddDays(-365);
        if (start >= end || ipc is { Length: 0 or > MaxIpcPrefixLength })
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The period runs from 'from' to a later 'to', and an IPC prefix has 1–{MaxIpcPrefixLength} characters.", "from");
        }
        var statistics = await cluster.GetGrain<INavigationGrain>(0).DealStatistics(ipc,
            new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        IReadOnlyList<DealStatisticResponse> response = statistics.Select(s => new DealStatisticResponse(s.IpcSubclass, s.Kind, s.Count, new Money(s.MedianPriceFen).Yuan)).ToArray();
        return TypedResults.Ok(response);
    }
}
