using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;

namespace Exchange.Grains.Navigation;

/// <summary>A navigation search: every filter optional; results newest first, paged by an opaque cursor.</summary>
[GenerateSerializer, Immutable]
public sealed record ListingQuery(
    [property: Id(0)] string? IpcPrefix,
    [property: Id(1)] string? Keyword,
    [property: Id(2)] LicenseType? LicenseType,
    [property: Id(3)] long? MinPriceFen,
    [property: Id(4)] long? MaxPriceFen,
    [property: Id(5)] ListingStatus? Status,
    [property: Id(6)] Guid? OwnerId,
    [property: Id(7)] ListingCursor? After,
    [property: Id(8)] int Limit);

/// <summary>The position after the last listing of a page: (created at, listing id), unique and stable.</summary>
[GenerateSerializer, Immutable]
public sealed record ListingCursor([property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] Guid ListingId)
{
    public string Encode() => $"{CreatedAt.UtcTicks}_{ListingId:N}";

    public static ListingCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var parts = text.Split('_');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            throw new Common.DomainException(Common.DomainErrors.InvalidInput, "The cursor is not one this search returned.", "after");
        }
        return new ListingCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}

[GenerateSerializer, Immutable]
public sealed record ListingSearchPage([property: Id(0)] IReadOnlyList<ListingIndexEntry> Listings, [property: Id(1)] ListingCursor? Next);
