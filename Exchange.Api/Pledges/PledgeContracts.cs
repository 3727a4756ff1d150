using Exchange.Api.Infrastructure;
using Exchange.Api.Patents;
using Exchange.Grains.Common;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;

namespace Exchange.Api.Pledges;

public sealed record PledgeAppraisalDto(
    [property: Yuan] decimal Value,
    [property: Text(PatentRules.MaxReferenceLength)] string Appraiser,
    DateOnly ValuedOn,
    [property: Text(PatentRules.MaxReferenceLength)] string ReportReference)
{
    public static PledgeAppraisalDto Example => new(2_400_000m, "Zhonghe Assets Appraisal Co.", new DateOnly(2024, 11, 20), "ZH-PV-2024-1187");

    public Appraisal ToDomain() => new(Money.PositiveFromYuan(Value), Appraiser, ValuedOn, ReportReference);

    public static PledgeAppraisalDto From(Appraisal a) => new(a.Value.Yuan, a.Appraiser, a.ValuedOn, a.ReportReference);
}

/// <summary>
/// The secured loan: the yearly rate in percent to two decimals (4.35 for 4.35%); instalments due on the payment day of
/// each month (in a shorter month, its last day).
/// </summary>
public sealed record PledgeLoanDto(
    [property: Yuan] decimal Principal,
    [property: Percent(99.99)] decimal AnnualRatePercent,
    DateOnly Start,
    [property: Whole(1, LoanSchedule.MaxMonths)] int Months,
    RepaymentMethod Method,
    [property: Whole(1, 31)] int PaymentDay)
{
    public static PledgeLoanDto Example => new(1_000_000m, 4.35m, new DateOnly(2025, 1, 15), 12, RepaymentMethod.EqualInstalments, 15);

    public LoanTerms ToDomain() => new(Money.PositiveFromYuan(Principal), PledgeContracts.Fraction(AnnualRatePercent, "loan.annualRatePercent"), Start, Months, Method, PaymentDay);

    public static PledgeLoanDto From(LoanTerms t) => new(t.Principal.Yuan, t.AnnualRate * 100m, t.Start, t.Months, t.Method, t.PaymentDay);
}

public sealed record PledgeDocumentsDto(
    [property: Text(PatentRules.MaxReferenceLength)] string ApplicationForm,
    [property: Text(PatentRules.MaxReferenceLength)] string PledgeContract,
    [property: Text(PatentRules.MaxReferenceLength)] string IdentityDocuments,
    [property: Text(PatentRules.MaxReferenceLength, Optional = true)] string? PowerOfAttorney = null)
{
    public static PledgeDocumentsDto Example => new("Pledge registration form signed 2024-12-02", "Pledge contract BOC-SZ-2024-0771", "Business licences of both parties");

    public PledgeDocuments ToDomain() => new(ApplicationForm, PledgeContract, IdentityDocuments, PowerOfAttorney);

    public static PledgeDocumentsDto From(PledgeDocuments d) => new(d.ApplicationForm, d.PledgeContract, d.IdentityDocuments, d.PowerOfAttorney);
}

/// <summary>
/// Apply for a pledge: the pledgee (a bank), the collateral (patents and/or the royalties of licences), the appraisal,
/// the loan-to-value cap and the secured loan. The applicant signs; the other party and every co-owner sign after.
/// A party without domicile in China (ForeignPartyWithoutDomicile) acts through the Chinese patent agency named as agent.
/// </summary>
public sealed record ApplyForPledgeRequest(
    Guid PledgeeId,
    [property: Items(0, PledgeApplicationRules.MaxPatents, ItemMaxLength = Patents.ApplicationNumberSchema.MaxLength, ItemPattern = Patents.ApplicationNumberSchema.Pattern)] string[]? ApplicationNumbers,
    [property: Items(0, PledgeApplicationRules.MaxLicenses)] Guid[]? RoyaltyLicenses,
    PledgeAppraisalDto Appraisal,
    [property: Percent(100, AboveZero = true)] decimal LoanToValuePercent,
    PledgeLoanDto Loan,
    [property: Whole(0, PledgeApplicationRules.MaxGraceDays)] int GraceDays,
    ApplicationChannel Channel,
    PledgeDocumentsDto Documents,
    bool InvalidationRiskAcknowledged = false,
    Guid? AgentId = null,
    bool ForeignPartyWithoutDomicile = false)
{
    public static ApplyForPledgeRequest Example => new(Guid.Parse("5f0c3a1e-8b2d-4c6e-9a7f-1d2e3f4a5b6c"), ["201710601862.3"], [],
        PledgeAppraisalDto.Example, 50m, PledgeLoanDto.Example, 30, ApplicationChannel.Online, PledgeDocumentsDto.Example);

    public PledgeApplication ToDomain() => new(PledgeeId, ApplicationNumbers ?? [], RoyaltyLicenses ?? [],
        (Appraisal ?? throw new DomainException(DomainErrors.InvalidInput, "The appraisal is required.", "appraisal")).ToDomain(),
        PledgeContracts.Fraction(LoanToValuePercent, "loanToValuePercent"),
        (Loan ?? throw new DomainException(DomainErrors.InvalidInput, "The loan is required.", "loan")).ToDomain(),
        GraceDays, Channel,
        (Documents ?? throw new DomainException(DomainErrors.PledgeDocumentMissing, "The registration documents are required.", "documents")).ToDomain(),
        InvalidationRiskAcknowledged, AgentId, ForeignPartyWithoutDomicile);
}

public sealed record RefusePledgeRequest([property: Text(PatentRules.MaxReferenceLength)] string Note)
{
    public static RefusePledgeRequest Example => new("The valuation report does not name the pledged patent.");
}

public sealed record PledgeRepaymentRequest([property: Yuan] decimal Amount)
{
    public static PledgeRepaymentRequest Example => new(85_309.90m);
}

/// <summary>
/// The pledgee consents to one deal in the collateral: a sale of one pledged patent to a buyer for at least a price, a
/// licence to a licensee, or an open licence (no counterparty); the deal's money (the price, the licence's fees and
/// royalties for the pledged patents) goes to early repayment (the default) or into escrow in the pledge's account
/// (Civil Code Art. 444).
/// </summary>
/// <param name="Kind">The deal: a sale (transfer), a licence, or an open licence.</param>
/// <param name="Counterparty">The buyer or licensee; absent for an open licence.</param>
/// <param name="Proceeds">Where the deal's money goes: early repayment (the default) or escrow.</param>
/// <param name="ApplicationNumber">For a sale (required): the pledged patent it may sell. Absent for a licence.</param>
/// <param name="MinimumPrice">For a sale (required): the least price, in yuan, at which the pledgee lets the patent go. Absent for a licence.</param>
public sealed record PledgeeConsentDto(
    DisposalKind Kind,
    Guid? Counterparty,
    ProceedsRoute? Proceeds = null,
    [property: ApplicationNumberText] string? ApplicationNumber = null,
    [property: Yuan] decimal? MinimumPrice = null)
{
    public static PledgeeConsentDto Example => new(DisposalKind.License, Guid.Parse("2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d1f"), ProceedsRoute.Escrow);

    public PledgeeConsent ToDomain() => new(Kind, Counterparty, Proceeds ?? ProceedsRoute.EarlyRepayment, ApplicationNumber,
        MinimumPrice is { } least ? Money.PositiveFromYuan(least, "minimumPrice") : null);

    public static PledgeeConsentDto From(PledgeeConsent c) => new(c.Kind, c.Counterparty, c.Proceeds, c.ApplicationNumber, c.MinimumPrice?.Yuan);
}

/// <summary>A repayment the pledgee received outside the exchange (a transfer to the bank directly), with the bank's own payment reference.</summary>
public sealed record RepaymentReceivedRequest([property: Yuan] decimal Amount, [property: Text(PatentRules.MaxReferenceLength)] string Reference)
{
    public static RepaymentReceivedRequest Example => new(85_309.90m, "ICBC-20261201-000731");
}

/// <summary>An owner's part of the consented deals' money the pledge holds in escrow.</summary>
public sealed record EscrowedProceedsResponse(Guid OwnerId, decimal Amount);

public sealed record InstalmentResponse(int Number, DateOnly DueOn, decimal Principal, decimal Interest, decimal Payment, decimal BalanceAfter)
{
    public static InstalmentResponse From(Instalment i) => new(i.Number, i.DueOn, i.Principal.Yuan, i.Interest.Yuan, i.Payment.Yuan, i.BalanceAfter.Yuan);
}

/// <summary>Where the loan stands today: arrears are what fell due before today unpaid; in default when overdue past the grace days.</summary>
public sealed record LoanStandingResponse(int InstalmentsPaid, decimal Arrears, int DaysPastDue, decimal OutstandingPrincipal, InstalmentResponse? NextDue, bool InDefault)
{
    public static LoanStandingResponse From(LoanStanding s) => new(s.InstalmentsPaid, s.Arrears.Yuan, s.DaysPastDue, s.OutstandingPrincipal.Yuan,
        s.NextDue is { } next ? InstalmentResponse.From(next) : null, s.InDefault);
}

/// <summary>One reason the registration was refused, with its problem type as a ProblemDetails would name it.</summary>
public sealed record PledgeRefusalResponse(string Type, string Reason);

/// <summary>Enforce the defaulted pledge: sell its patents to the named buyer (neither the pledgee nor a pledgor) at the price, once the operator approves.</summary>
public sealed record EnforcePledgeRequest(Guid BuyerId, [property: Yuan] decimal Price)
{
    public static EnforcePledgeRequest Example => new(Guid.Parse("3c5e7a9b-2d4f-4b6c-8e0a-1f3b5d7e9a2c"), 900_000m);
}

/// <summary>The enforcement sale: proposed, approved (the buyer pays by <c>PayBy</c>), paid, and how the price was paid out.</summary>
public sealed record EnforcementSaleResponse(Guid BuyerId, decimal Price, DateOnly ProposedOn, DateOnly? ApprovedOn, DateOnly? PayBy, DateOnly? PaidOn,
    decimal? ToPledgee, decimal? ToPledgors, decimal? Shortfall)
{
    public static EnforcementSaleResponse From(EnforcementSale s) => new(s.BuyerId, s.Price.Yuan, s.ProposedOn, s.ApprovedOn, s.PayBy, s.PaidOn,
        s.Proceeds?.ToPledgee.Yuan, s.Proceeds?.ToPledgor.Yuan, s.Proceeds?.Shortfall.Yuan);
}

public sealed record PledgeResponse(
    Guid PledgeId,
    PledgeStatus Status,
    Guid PledgeeId,
    IReadOnlyList<Guid> Pledgors,
    IReadOnlyList<Guid> Signatures,
    Guid AppliedBy,
    IReadOnlyList<string> ApplicationNumbers,
    IReadOnlyList<Guid> RoyaltyLicenses,
    PledgeAppraisalDto Appraisal,
    decimal LoanToValuePercent,
    PledgeLoanDto Loan,
    int GraceDays,
    ApplicationChannel Channel,
    PledgeDocumentsDto Documents,
    bool InvalidationRiskAcknowledged,
    Guid? AgentId,
    DateOnly ReceivedOn,
    DateOnly DecideBy,
    bool ReviewOverdue,
    DateOnly? DecidedOn,
    IReadOnlyList<PledgeRefusalResponse> Refusals,
    IReadOnlyList<InstalmentResponse> Schedule,
    decimal Repaid,
    decimal Prepaid,
    LoanStandingResponse? Standing,
    decimal? CurrentLoanToValuePercent,
    DateOnly? DefaultedOn,
    IReadOnlyList<PledgeeConsentDto> DisposalConsents,
    bool PaymentPending,
    EnforcementSaleResponse? Sale,
    decimal Shortfall,
    decimal Escrowed,
    IReadOnlyList<EscrowedProceedsResponse> Escrow,
    IReadOnlyList<string> SoldPatents,
    IReadOnlyList<string> InvalidatedPatents)
{
    public static PledgeResponse From(PledgeSnapshot p)
    {
        var a = p.Application;
        return new(p.PledgeId, p.Status, a.PledgeeId, p.Pledgors, p.Signatures, p.AppliedBy, a.ApplicationNumbers, a.RoyaltyLicenses,
            PledgeAppraisalDto.From(a.Appraisal), a.LoanToValueCap * 100m, PledgeLoanDto.From(a.Loan), a.GraceDays, a.Channel, PledgeDocumentsDto.From(a.Documents),
            a.InvalidationRiskAcknowledged, a.AgentId, p.ReceivedOn, p.DecideBy, p.ReviewOverdue, p.DecidedOn,
            p.Refusals.Select(r => new PledgeRefusalResponse(r.Error.Code, r.Reason)).ToArray(), p.Schedule.Select(InstalmentResponse.From).ToArray(),
            p.Repaid.Yuan, p.Prepaid.Yuan, p.Standing is { } s ? LoanStandingResponse.From(s) : null, p.LoanToValue * 100m, p.DefaultedOn,
            p.DisposalConsents.Select(PledgeeConsentDto.From).ToArray(), p.PaymentPending, p.Sale is { } sale ? EnforcementSaleResponse.From(sale) : null, p.Shortfall.Yuan,
            p.Escrowed.Yuan, (p.Escrow ?? []).Select(e => new EscrowedProceedsResponse(e.OwnerId, e.Amount.Yuan)).ToArray(), p.SoldPatents ?? [], p.InvalidatedPatents ?? []);
    }
}

/// <summary>One pledge of a bank's portfolio: what is owed, when next, how late, and the loan against the appraisal.</summary>
public sealed record PortfolioItemResponse(
    Guid PledgeId,
    PledgeStatus Status,
    IReadOnlyList<Guid> Pledgors,
    decimal Principal,
    decimal OutstandingPrincipal,
    DateOnly? NextDueOn,
    decimal? NextPayment,
    int DaysPastDue,
    decimal Arrears,
    decimal AppraisedValue,
    decimal? LoanToValuePercent,
    string Href);

public sealed record PortfolioPageResponse(IReadOnlyList<PortfolioItemResponse> Items, long? NextCursor);

/// <summary>An application awaiting the operator's decision, with its service-level deadline.</summary>
public sealed record ReviewQueueItemResponse(Guid PledgeId, PledgeStatus Status, Guid PledgeeId, IReadOnlyList<Guid> Pledgors, ApplicationChannel Channel,
    DateOnly ReceivedOn, DateOnly DecideBy, bool ReviewOverdue, decimal Principal, string Href);

public sealed record ReviewQueuePageResponse(IReadOnlyList<ReviewQueueItemResponse> Items, long? NextCursor);

internal static class PledgeContracts
{
    /// <summary>A percentage with at most two decimals as a fraction (4.35 → 0.0435).</summary>
    public static decimal Fraction(decimal percent, string field) =>
        percent * 100m != decimal.Truncate(percent * 100m) || percent < 0 || percent > 100
            ? throw new DomainException(DomainErrors.InvalidInput, $"A percentage from 0 to 100 with at most two decimals, such as 4.35; {percent} is not.", field)
            : percent / 100m;
}
