using Exchange.Api.Infrastructure;
using Exchange.Api.Listings;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Licenses;

/// <summary>A licence from the draft of an accepted licence offer, taking effect on <c>Start</c>.</summary>
public sealed record CreateLicenseRequest(Guid ListingId, Guid OfferId, DateOnly Start);

public sealed record RoyaltyReportRequest(int PeriodIndex, decimal NetSales);

/// <summary>Obtain an ordinary licence under a patent's open-licence declaration, taking effect on <c>Start</c>.</summary>
public sealed record ObtainOpenLicenseRequest(string ApplicationNumber, DateOnly Start);

public sealed record FileLicenseRequest(string FilingReference);

public sealed record DeclareOpenLicenseRequest(LicenseTermsDto Terms);

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
        group.MapPost("/", Create).WithName("CreateLicense").WithSummary("Execute the licence an accepted licence offer agreed on (its licensee).");
        group.MapPost("/open", ObtainOpen).WithName("ObtainOpenLicense").WithSummary("Obtain an ordinary licence under an open-licence declaration, by notice and payment.");
        group.MapGet("/filings/overdue", OverdueFilings).WithName("OverdueFilings").WithSummary("Licences not filed within three months of taking effect (operator or regulator).");
        group.MapPost("/{licenseId:guid}/filing", File).WithName("FileLicense").WithSummary("Record the licence's filing with the patent office (operator only).");
        routes.MapPost("/api/patents/{applicationNumber}/open-license", DeclareOpen).WithTags("Licences").RequireAuthorization()
            .WithName("DeclareOpenLicense").WithSummary("An owner declares an open licence on published terms.");
        routes.MapPost("/api/patents/{applicationNumber}/open-license/withdraw", WithdrawOpen).WithTags("Licences").RequireAuthorization()
            .WithName("WithdrawOpenLicense").WithSummary("An owner withdraws the open-licence declaration; licences obtained stay.");
        group.MapGet("/{licenseId:guid}", Get).WithName("GetLicense").WithSummary("A licence with its invoices (its parties, operator or regulator).");
        group.MapPost("/{licenseId:guid}/consent", Consent).WithName("ConsentToLicense").WithSummary("A co-owner consents to an exclusive or sole licence.");
        group.MapPost("/{licenseId:guid}/terminate", Terminate).WithName("TerminateLicense").WithSummary("End the licence (a party).");
        group.MapPost("/{licenseId:guid}/royalty-reports", Report).WithName("ReportNetSales").WithSummary("Report a finished period's net sales (the licensee).");
        group.MapPost("/{licenseId:guid}/royalty-reports/{periodIndex:int}/payment", Pay).WithName("PayRoyalty").WithSummary("Pay a period's royalty; it is distributed at once (the licensee).");
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

    public static async Task<Ok<Grains.Navigation.OverdueFilingPage>> OverdueFilings(string? after, int? limit, HttpContext http, IClusterClient cluster)
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

    public static async Task<Ok<Patents.PatentResponse>> DeclareOpen(string applicationNumber, DeclareOpenLicenseRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = Grains.Patents.ApplicationNumber.Parse(applicationNumber).ToString();
        var terms = (request.Terms ?? throw new DomainException(DomainErrors.InvalidInput, "Published terms are required.", "terms")).ToDomain();
        return TypedResults.Ok(Patents.PatentResponse.From(await cluster.GetGrain<Grains.Patents.IPatentGrain>(number).DeclareOpenLicense(terms, command.Caller.Actor)));
    }

    public static async Task<Ok<Patents.PatentResponse>> WithdrawOpen(string applicationNumber, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = Grains.Patents.ApplicationNumber.Parse(applicationNumber).ToString();
        return TypedResults.Ok(Patents.PatentResponse.From(await cluster.GetGrain<Grains.Patents.IPatentGrain>(number).WithdrawOpenLicense(command.Caller.Actor)));
    }

    public static async Task<Ok<LicenseResponse>> Get(Guid licenseId, HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        var licence = await Find(cluster, licenseId);
        if (!caller.IsStaff && caller.ParticipantId != licence.Licensee && !licence.Licensors.Contains(caller.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} is not a party to licence {licenseId}.");
        }
        return TypedResults.Ok(LicenseResponse.From(licence));
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

    public static async Task<Ok<RoyaltyInvoiceResponse>> Pay(Guid licenseId, int periodIndex, HttpContext http, IClusterClient cluster) =>
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
