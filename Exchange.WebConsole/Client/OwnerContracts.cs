namespace Exchange.WebConsole.Client;

// The JSON shapes of registration, fees, mandates, listings, offers and patent transfers, as the console reads them.

public sealed record ApplicationNumberCheck(string Number, bool Valid, string? ApplicationNumber, string? Kind, string? Suggestion, string? Problem);

/// <summary>What the next annual fee costs today, as the API computes it (the console never does).</summary>
public sealed record AnnualFeeDue(int PatentYear, DateOnly DueDate, DateOnly GraceEnds, decimal FullFee, decimal Reduction, int LateMonths, decimal Surcharge, decimal Payable);

public sealed record Mandate(Guid OwnerId, Guid AgencyId, DateOnly ValidUntil);

public sealed record InventorEntry(string Name, bool IsServiceInvention, Guid? EmployerParticipantId = null);

public sealed record PatentRegistration(string ApplicationNumber, string Title, IReadOnlyList<string> IpcClasses, DateOnly FilingDate, IReadOnlyList<OwnerShare> Owners,
    IReadOnlyList<InventorEntry> Inventors, string? Abstract);

/// <summary>Licence terms as the API takes and shows them; the last three default as the API's do.</summary>
public sealed record LicenseTerms(string Type, IReadOnlyList<string> Territories, IReadOnlyList<string> Fields, int TermMonths, decimal UpfrontFee, decimal RoyaltyRatePercent,
    decimal MinimumAnnualRoyalty, int PaymentsPerYear = 4, decimal LateInterestPercentPerMonth = 0.5m, bool SublicensingAllowed = false);

public sealed record Offer(Guid OfferId, Guid BidderId, string Kind, decimal? Price, LicenseTerms? LicenseTerms, DateOnly ExpiresOn, string Status, decimal? CounterPrice,
    LicenseTerms? CounterTerms, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Guid> PatentTransfers);

public sealed record Listing(Guid ListingId, Guid AgencyId, IReadOnlyList<string> ApplicationNumbers, decimal? SalePrice, LicenseTerms? LicenseTerms, DateOnly ExpiresOn,
    string Status, IReadOnlyList<Offer> Offers, DateTimeOffset CreatedAt, IReadOnlyList<LicenseDraft> LicenseDrafts, Guid? EnforcesPledge = null);

/// <summary>A licence an accepted licence offer agreed, awaiting its licensee's signature.</summary>
public sealed record LicenseDraft(Guid OfferId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> Licensors, Guid Licensee, LicenseTerms Terms);

/// <summary>What a listing asks: a sale price, licence terms, or both; or, by a pledgee, the sale of a defaulted pledge's collateral.</summary>
public sealed record ListingRequest(IReadOnlyList<string> ApplicationNumbers, DateOnly ExpiresOn, decimal? SalePrice, LicenseTerms? LicenseTerms, Guid? EnforcesPledge = null);

public sealed record PatentTransfer(Guid TransferId, string ApplicationNumber, Guid BuyerId, IReadOnlyList<OwnerShare> Sellers, decimal Price, string Status,
    IReadOnlyList<Guid> Consents, string? ExportApprovalReference, string? RegistrationReference, IReadOnlyList<decimal> SellerProceeds);
