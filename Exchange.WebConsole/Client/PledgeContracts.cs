namespace Exchange.WebConsole.Client;

// The JSON shapes of pledges, a bank's portfolio and the operator's review queue, as the console reads and sends them.

public sealed record PledgeAppraisal(decimal Value, string Appraiser, DateOnly ValuedOn, string ReportReference);

/// <summary>The secured loan: the yearly rate in percent (4.35), <c>equalInstalments</c> or <c>equalPrincipal</c>.</summary>
public sealed record PledgeLoan(decimal Principal, decimal AnnualRatePercent, DateOnly Start, int Months, string Method, int PaymentDay);

public sealed record PledgeDocuments(string ApplicationForm, string PledgeContract, string IdentityDocuments, string? PowerOfAttorney = null);

public sealed record PledgeApplicationRequest(Guid PledgeeId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> RoyaltyLicenses, PledgeAppraisal Appraisal,
    decimal LoanToValuePercent, PledgeLoan Loan, int GraceDays, string Channel, PledgeDocuments Documents, bool InvalidationRiskAcknowledged);

public sealed record Instalment(int Number, DateOnly DueOn, decimal Principal, decimal Interest, decimal Payment, decimal BalanceAfter);

public sealed record LoanStanding(int InstalmentsPaid, decimal Arrears, int DaysPastDue, decimal OutstandingPrincipal, Instalment? NextDue, bool InDefault);

public sealed record PledgeRefusal(string Type, string Reason);

public sealed record EnforcementSale(Guid BuyerId, decimal Price, DateOnly ProposedOn, DateOnly? ApprovedOn, DateOnly? PayBy, DateOnly? PaidOn,
    decimal? ToPledgee, decimal? ToPledgors, decimal? Shortfall);

public sealed record Pledge(Guid PledgeId, string Status, Guid PledgeeId, IReadOnlyList<Guid> Pledgors, IReadOnlyList<Guid> Signatures, Guid AppliedBy,
    IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> RoyaltyLicenses, PledgeAppraisal Appraisal, decimal LoanToValuePercent, PledgeLoan Loan,
    int GraceDays, string Channel, PledgeDocuments Documents, DateOnly ReceivedOn, DateOnly DecideBy, bool ReviewOverdue, DateOnly? DecidedOn,
    IReadOnlyList<PledgeRefusal> Refusals, IReadOnlyList<Instalment> Schedule, decimal Repaid, decimal Prepaid, LoanStanding? Standing,
    decimal? CurrentLoanToValuePercent, DateOnly? DefaultedOn, EnforcementSale? Sale, decimal Shortfall,
    IReadOnlyList<PledgeeConsent>? DisposalConsents = null, decimal Escrowed = 0, IReadOnlyList<string>? SoldPatents = null, IReadOnlyList<string>? InvalidatedPatents = null)
{
    /// <summary>The patents still pledged (an enforcement sale sells these): those applied for, less those sold with the pledgee's consent or declared invalid.</summary>
    public IReadOnlyList<string> PledgedPatents => [.. ApplicationNumbers.Except(SoldPatents ?? []).Except(InvalidatedPatents ?? [])];
}

/// <summary>A deal in the collateral the bank consented to (kind transfer, license or openLicense), and where its money goes (earlyRepayment or escrow).</summary>
public sealed record PledgeeConsent(string Kind, Guid? Counterparty, string Proceeds, string? ApplicationNumber = null, decimal? MinimumPrice = null);

public sealed record PortfolioItem(Guid PledgeId, string Status, IReadOnlyList<Guid> Pledgors, decimal Principal, decimal OutstandingPrincipal, DateOnly? NextDueOn,
    decimal? NextPayment, int DaysPastDue, decimal Arrears, decimal AppraisedValue, decimal? LoanToValuePercent);

public sealed record PortfolioPage(IReadOnlyList<PortfolioItem> Items, long? NextCursor);

public sealed record ReviewQueueItem(Guid PledgeId, string Status, Guid PledgeeId, IReadOnlyList<Guid> Pledgors, string Channel, DateOnly ReceivedOn, DateOnly DecideBy,
    bool ReviewOverdue, decimal Principal);

public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, long? NextCursor);
