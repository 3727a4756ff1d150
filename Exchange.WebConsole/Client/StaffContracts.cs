namespace Exchange.WebConsole.Client;

// The JSON shapes of licences, the ledger's totals, audit trails and market data, as the console reads them.

/// <summary>A licence's terms as its licence states them, payment schedule and sublicensing included.</summary>
public sealed record AgreedLicenseTerms(string Type, IReadOnlyList<string> Territories, IReadOnlyList<string> Fields, int TermMonths, decimal UpfrontFee,
    decimal RoyaltyRatePercent, decimal MinimumAnnualRoyalty, int PaymentsPerYear, decimal LateInterestPercentPerMonth, bool SublicensingAllowed);

public sealed record RoyaltyInvoice(int PeriodIndex, DateOnly PeriodStart, DateOnly PeriodEnd, decimal NetSales, decimal Royalty, DateOnly DueDate, DateOnly? PaidOn, decimal LateInterest);

public sealed record License(Guid LicenseId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> Licensors, Guid Licensee, AgreedLicenseTerms Terms,
    DateOnly Start, DateOnly End, string Status, IReadOnlyList<Guid> RequiredConsents, IReadOnlyList<Guid> Consents, IReadOnlyList<RoyaltyInvoice> Invoices,
    DateOnly? EffectiveOn, DateOnly? FilingDeadline, DateOnly? FiledOn, bool FilingOverdue);

public sealed record OverdueFiling(Guid LicenseId, DateOnly Deadline);

public sealed record OverdueFilingPage(IReadOnlyList<OverdueFiling> Items, string? NextCursor);

public sealed record TrialBalance(decimal Total, decimal ParticipantAvailable, decimal ParticipantReserved, decimal PlatformEscrow, decimal External, long PostingCount, bool IsBalanced);

public sealed record AccountDiscrepancy(string AccountId, decimal SnapshotAvailable, decimal SnapshotReserved, decimal LinesAvailable, decimal LinesReserved);

public sealed record TrialBalanceVerification(TrialBalance Maintained, TrialBalance Recomputed, bool Agrees, IReadOnlyList<AccountDiscrepancy> Discrepancies);

public sealed record AuditEntry(string EntryId, string ObjectId, string Action, Guid ActorId, DateTimeOffset At, string Details);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextCursor);

/// <summary>Completed deals of one kind (<c>sale</c>, <c>license</c>) in one IPC subclass within the period asked for.</summary>
public sealed record DealStatistic(string IpcSubclass, string Kind, int Count, decimal MedianPrice);
