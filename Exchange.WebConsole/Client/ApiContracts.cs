namespace Exchange.WebConsole.Client;

// The console's own view of the API's JSON: it is a client like any other and shares no types with Exchange.Api.
// Enumerations stay the strings the API sends ("inForce", "pending"), so a value added later still reads.

public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record Participant(Guid ParticipantId, string LegalName, string Kind, string CreditCode, IReadOnlyList<string> Roles, bool IsDomestic, bool IsSmallEntity,
    string KycStatus, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt);

public sealed record Account(string AccountId, decimal Available, decimal Reserved);

public sealed record Me(Participant Participant, Account Account, IReadOnlyDictionary<string, string> Lists);

public sealed record StatementLine(long Sequence, string PostingId, string Kind, string Bucket, decimal Amount, Guid? TransferId, string Memo, DateTimeOffset At);

public sealed record Statement(string AccountId, IReadOnlyList<StatementLine> Lines, long? NextCursor);

public sealed record ListedItem(string Id, string Kind, string Status, string Title, IReadOnlyList<string> Relations, DateTimeOffset UpdatedAt, string Href);

public sealed record ListPage(IReadOnlyList<ListedItem> Items, long? NextCursor);

public sealed record OwnerShare(Guid ParticipantId, decimal SharePercent);

public sealed record NextAnnualFee(int PatentYear, DateOnly DueDate, DateOnly GraceEnds, decimal FullFee);

public sealed record Encumbrance(string Kind, string Reference);

public sealed record Patent(string ApplicationNumber, string? GrantedNumber, string Kind, string Title, string Abstract, IReadOnlyList<string> IpcClasses,
    DateOnly FilingDate, DateOnly? GrantDate, DateOnly LastDayOfTerm, IReadOnlyList<OwnerShare> Owners, string LegalStatus, IReadOnlyList<int> PaidFeeYears,
    NextAnnualFee? NextFee, IReadOnlyList<Guid> OpenListings, IReadOnlyList<Encumbrance> Encumbrances, bool Tradable, IReadOnlyList<Mandate>? Mandates = null,
    string? OfficeRecord = null, IReadOnlyList<Guid>? OwnershipConfirmedBy = null);

public sealed record ListingSummary(Guid ListingId, Guid AgencyId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<string> IpcClasses, string? LicenseType,
    decimal? AskingPrice, DateOnly ExpiresOn, string Status, DateTimeOffset CreatedAt);

public sealed record ListingSearch(IReadOnlyList<ListingSummary> Listings, string? Next);

/// <summary>What a patent navigation search asks for; every part is optional.</summary>
public sealed record ListingQuery(string? Ipc = null, string? Keyword = null, string? LicenseType = null, decimal? MinPrice = null, decimal? MaxPrice = null);
