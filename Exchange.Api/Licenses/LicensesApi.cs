using Exchange.Api.Infrastructure;
using Exchange.Api.Listings;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Licenses;

/// <summary>A licence from the draft of an accepted licence offer, taking effect on <c>Start</c>.</summary>
public sealed record CreateLicenseRequest(Guid ListingId, Guid OfferId, DateOnly Start)
{
    public static CreateLicenseRequest Example => new(Guid.Parse("7d1e4b6a-2f3c-4a5b-8c9d-0e1f2a3b4c5d"), Guid.Parse("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), new DateOnly(2025, 1, 1));
}

public sealed record RoyaltyReportRequest([property: Whole(0, LicenseTerms.MaxTermMonths - 1)] int PeriodIndex, [property: Yuan(AllowZero = true)] decimal NetSales)
{
    public static RoyaltyReportRequest Example => new(0, 480_000m);
}

/// <summary>Obtain an ordinary licence under a patent's open-licence declaration, taking effect on <c>Start</c>.</summary>
public sealed record ObtainOpenLicenseRequest(
    [property: Patents.ApplicationNumberText] string ApplicationNumber, DateOnly Start)
{
    public static ObtainOpenLicenseRequest Example => new("201710601862.3", new DateOnly(2025, 1, 1));
}

public sealed record FileLicenseRequest([property: Text(Grains.Patents.PatentRules.MaxReferenceLength)] string FilingReference)
{
    public static FileLicenseRequest Example => new("CNIPA licence filing 2025-BA-00417");
}

public sealed record DeclareOpenLicenseRequest(LicenseTermsDto Terms)
{
    public static DeclareOpenLicenseRequest Example => new(LicenseTermsDto.Example);
}

public sealed record RoyaltyInvoiceResponse(int PeriodIndex, DateOnly PeriodStart, DateOnly PeriodEnd, decimal NetSales, decimal Royalty, DateOnly DueDate, DateOnly? PaidOn, decimal LateInterest)
{
    public static RoyaltyInvoiceResponse From(RoyaltyInvoice i) =>
        new(i.PeriodIndex, i.PeriodStart, i.PeriodEnd, i.NetSales.Yuan, i.Royalty.Yuan, i.DueDate, i.PaidOn, i.LateInterest.Yuan);
}

public sealed record LicenseResponse(
    Guid LicenseId,
    IReadOnlyList<string> ApplicationNumbers,
    IReadOnlyList<Guid> Licensors,
    Guid Licensee,
    LicenseTermsDto Terms,
    DateOnly Start,
    DateOnly End,
    LicenseStatus Status,
    IReadOnlyList<Guid> RequiredConsents,
    IReadOnlyList<Guid> Consents,
    IReadOnlyList<RoyaltyInvoiceResponse> Invoices,
    DateOnly? EffectiveOn,
    DateOnly? FilingDeadline,
    DateOnly? FiledOn,
    bool FilingOverdue)
{
    public static LicenseResponse From(LicenseSnapshot l) => new(l.LicenseId, l.ApplicationNumbers, l.Licensors, l.Licensee, LicenseTermsDto.From(l.Terms)!,
        l.Scope.Start, l.Scope.End, l.Status, l.RequiredConsents, l.Consents, l.Invoices.Select(RoyaltyInvoiceResponse.From).ToArray(),
        l.EffectiveOn, l.FilingDeadline, l.FiledOn, l.FilingOverdue);
}

public static class LicensesApi
{
    public static void MapLicensesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/licenses").WithTags("Licences").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateLicense").WithSummary("Execute the licence an accepted licence offer agreed on (its licensee).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.OfferNotFound, DomainErrors.PatentNotFound, DomainErrors.PatentNotInForce, DomainErrors.LicenseBeyondPatentTerm, DomainErrors.LicenseConflict, DomainErrors.LicenseConsentsPending, DomainErrors.PatentTransferPending, DomainErrors.RegistrationUnconfirmed, DomainErrors.MandateMissing, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.InvalidTransition, DomainErrors.PatentPledged);
        group.MapPost("/open", ObtainOpen).WithName("ObtainOpenLicense").WithSummary("Obtain an ordinary licence under an open-licence declaration, by notice and payment.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.NoOpenLicense, DomainErrors.PatentNotInForce, DomainErrors.LicenseBeyondPatentTerm, DomainErrors.LicenseConflict, DomainErrors.PatentTransferPending, DomainErrors.RegistrationUnconfirmed, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.PatentPledged);
        group.MapGet("/filings/overdue", OverdueFilings).WithName("OverdueFilings").WithSummary("Licences not filed within three months of taking effect (operator or regulator).");
        group.MapPost("/{licenseId:guid}/filing", File).WithName("FileLicense").WithSummary("Record the licence's filing with the patent office (operator only).")
            .Refuses(DomainErrors.LicenseNotFound, DomainErrors.FilingRefused, DomainErrors.InvalidTransition, DomainErrors.PatentPledged);
        routes.MapPost("/api/patents/{applicationNumber}/open-license", DeclareOpen).WithTags("Licences").RequireAuthorization()
            .WithName("DeclareOpenLicense").WithSummary("An owner declares an open licence on published terms.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.OpenLicenseRefused, DomainErrors.LicenseConflict, DomainErrors.PatentNotInForce, DomainErrors.RegistrationUnconfirmed, DomainErrors.InvalidPatentTransition, DomainErrors.PatentPledged);
        routes.MapPost("/api/patents/{applicationNumber}/open-license/withdraw", WithdrawOpen).WithTags("Licences").RequireAuthorization()
            .WithName("WithdrawOpenLicense").WithSummary("An owner withdraws the open-licence declaration; licences obtained stay.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.NoOpenLicense);
        group.MapGet("/{licenseId:guid}", Get).WithName("GetLicense").WithSummary("A licence with its invoices (its parties, operator or regulator).")
            .Refuses(DomainErrors.LicenseNotFound);
        group.MapPost("/{licenseId:guid}/consent", Consent).WithName("ConsentToLicense").WithSummary("A co-owner consents to an exclusive or sole licence.")
            .Refuses(DomainErrors.LicenseNotFound, DomainErrors.InvalidTransition, DomainErrors.LicenseConflict);
        group.MapPost("/{licenseId:guid}/terminate", Terminate).WithName("TerminateLicense").WithSummary("End the licence (a party).")
            .Refuses(DomainErrors.LicenseNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{licenseId:guid}/royalty-reports", Report).WithName("ReportNetSales").WithSummary("Report a finished period's net sales (the licensee).")
            .Refuses(DomainErrors.LicenseNotFound, DomainErrors.InvalidAmount, DomainErrors.InvalidTransition);
        group.MapPost("/{licenseId:guid}/royalty-reports/{periodIndex:int}/payment", Pay).WithName("PayRoyalty").WithSummary("Pay a period's royalty; it is distributed at once (the licensee).")
            .Refuses(DomainErrors.LicenseNotFound, DomainErrors.RoyaltyNotDue, DomainErrors.InvalidTransition, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
    }

    public static async Task<Created<LicenseResponse>> Create(CreateLicenseRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        // One licence per accepted offer, whoever retries: its id derives from the listing and the offer.
        var licence = await cluster.GetGrain<ILicenseGrain>(DeterministicId.From("license", request.ListingId.ToString("N"), request.OfferId.ToString("N")))
            .ExecuteAcceptedOffer(request.ListingId, request.OfferId, request.Start, command.Caller.Actor);
        return TypedResults.Created($"/api/licenses/{licence.LicenseId}", LicenseResponse.From(licence));
    }

    public static async Task<Created<LicenseResponse>> ObtainOpen(ObtainOpenLicenseRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = Grains.Patents.ApplicationNumber.Parse(request.ApplicationNumber).ToString();
        var licence = await cluster.GetGrain<ILicenseGrain>(command.DeriveId("open-license")).ObtainOpenLicense(number, request.Start, command.Caller.Actor);
        return TypedResults.Created($"/api/licenses/{licence.LicenseId}", LicenseResponse.From(licence));
    }

    public static async Task<Ok<Grains.Navigation.OverdueFilingPage>> OverdueFilings(
        [Text(Grains.Navigation.OverdueFilingCursor.MaxLength, Optional = true, Pattern = Grains.Navigation.OverdueFilingCursor.Pattern)] string? after,
        [Whole(1, Ledger.Pagination.MaxLimit)] int? limit, HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireRole(Grains.Participants.ParticipantRoles.Operator | Grains.Participants.ParticipantRoles.Regulator, "list overdue filings");
        if (!Grains.Navigation.OverdueFilingCursor.TryParse(after, out var cursor))
        {
            throw new DomainException(DomainErrors.InvalidInput, "'after' is the nextCursor of the previous page.", "after");
        }
        var (_, size) = Ledger.Pagination.Validate(0, limit);
        return TypedResults.Ok(await cluster.GetGrain<Grains.Navigation.INavigationGrain>(0).OverdueFilings(cursor, size));
    }

    public static async Task<Ok<LicenseResponse>> File(Guid licenseId, FileLicenseRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(Grains.Participants.ParticipantRoles.Operator, "record licence filings");
        return TypedResults.Ok(LicenseResponse.From(await (await Licence(cluster, licenseId)).FileRecord(request.FilingReference, command.Caller.Actor)));
    }

    public static async Task<Ok<Patents.PatentResponse>> DeclareOpen([Patents.ApplicationNumberText] string applicationNumber, DeclareOpenLicenseRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = Grains.Patents.ApplicationNumber.Parse(applicationNumber).ToString();
        var terms = (request.Terms ?? throw new DomainException(DomainErrors.InvalidInput, "Published terms are required.", "terms")).ToDomain();
        return TypedResults.Ok(Patents.PatentResponse.From(await cluster.GetGrain<Grains.Patents.IPatentGrain>(number).DeclareOpenLicense(terms, command.Caller.Actor)));
    }

    public static async Task<Ok<Patents.PatentResponse>> WithdrawOpen([Patents.ApplicationNumberText] string applicationNumber, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = Grains.Patents.ApplicationNumber.Parse(applicationNumber).ToString();
        return TypedResults.Ok(Patents.PatentResponse.From(await cluster.GetGrain<Grains.Patents.IPatentGrain>(number).WithdrawOpenLicense(command.Caller.Actor)));
    }

    public static async Task<Ok<LicenseResponse>> Get(Guid licenseId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(LicenseResponse.From(await FindVisible(cluster, licenseId, Caller.From(http.User))));

    /// <summary>The licence, if the caller may see it: its licensee, its licensors (the patents' current owners) and staff.</summary>
    internal static async Task<LicenseSnapshot> FindVisible(IClusterClient cluster, Guid licenseId, Caller caller)
    {
        var licence = await Find(cluster, licenseId);
        if (!caller.IsStaff && caller.ParticipantId != licence.Licensee && !licence.Licensors.Contains(caller.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} is not a party to licence {licenseId}.");
        }
        return licence;
    }

    public static async Task<Ok<LicenseResponse>> Consent(Guid licenseId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(LicenseResponse.From(await (await Licence(cluster, licenseId)).Consent(CommandContext.From(http).Caller.Actor)));

    public static async Task<Ok<LicenseResponse>> Terminate(Guid licenseId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(LicenseResponse.From(await (await Licence(cluster, licenseId)).Terminate(CommandContext.From(http).Caller.Actor)));

    public static async Task<Ok<RoyaltyInvoiceResponse>> Report(Guid licenseId, RoyaltyReportRequest request, HttpContext http, IClusterClient cluster)
    {
        var grain = await Licence(cluster, licenseId);
        var netSales = Money.FromYuan(request.NetSales);
        return TypedResults.Ok(RoyaltyInvoiceResponse.From(await grain.ReportNetSales(request.PeriodIndex, netSales, CommandContext.From(http).Caller.Actor)));
    }

    public static async Task<Ok<RoyaltyInvoiceResponse>> Pay(Guid licenseId, [Whole(0, Grains.Licenses.LicenseTerms.MaxTermMonths - 1)] int periodIndex, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(RoyaltyInvoiceResponse.From(await (await Licence(cluster, licenseId)).PayRoyalty(periodIndex, CommandContext.From(http).Caller.Actor)));

    /// <summary>The licence grain knows its parties and refuses anyone else (403).</summary>
    private static async Task<ILicenseGrain> Licence(IClusterClient cluster, Guid licenseId)
    {
        await Find(cluster, licenseId);
        return cluster.GetGrain<ILicenseGrain>(licenseId);
    }

    private static async Task<LicenseSnapshot> Find(IClusterClient cluster, Guid licenseId) =>
        await cluster.GetGrain<ILicenseGrain>(licenseId).TryGet()
        ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {licenseId} does not exist.");
}
