using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;

namespace Exchange.Grains.Navigation;

/// <summary>
/// What patent navigation (专利导航, domain.md §4) searches a listing by, kept in a table beside the listing so
/// that a search reads rows instead of waking thousands of grains. The listing grain writes it on every change.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ListingIndexEntry(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] ListingStatus Status,
    [property: Id(2)] Guid AgencyId,
    [property: Id(3)] IReadOnlyList<Guid> OwnerIds,
    [property: Id(4)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(5)] IReadOnlyList<string> IpcClasses,
    [property: Id(6)] string Text,
    [property: Id(7)] LicenseType? LicenseType,
    [property: Id(8)] long? AskingPriceFen,
    [property: Id(9)] DateOnly ExpiresOn,
    [property: Id(10)] DateTimeOffset CreatedAt)
{
    /// <summary>IPC classes compared without spaces and in upper case: "H01M 10/0562" and "h01m10/0562" are one class.</summary>
    public static string NormalizeIpc(string ipc) => ipc.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
