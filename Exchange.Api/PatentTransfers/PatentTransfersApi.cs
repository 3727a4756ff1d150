using Exchange.Api.Infrastructure;
using Exchange.Api.Patents;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.PatentTransfers;

public sealed record PatentTransferResponse(
    Guid TransferId,
    string ApplicationNumber,
    Guid BuyerId,
    IReadOnlyList<OwnerShareResponse> Sellers,
    decimal Price,
    PatentTransferStatus Status,
    IReadOnlyList<Guid> Consents,
    string? ExportApprovalReference,
    string? RegistrationReference,
    IReadOnlyList<decimal> SellerProceeds,
    Guid? ProceedsToPledge)
{
    public static PatentTransferResponse From(PatentTransferSnapshot t) => new(t.TransferId, t.ApplicationNumber, t.BuyerId,
        t.Sellers.Select(s => new OwnerShareResponse(s.ParticipantId, s.ShareBasisPoints / 100m)).ToArray(), t.Price.Yuan, t.Status, t.Consents,
        t.ExportApprovalReference, t.RegistrationReference, t.SellerProceeds.Select(p => p.Yuan).ToArray(), t.ProceedsToPledge);
}

public sealed record ExportApprovalRequest([property: Text(PatentRules.MaxReferenceLength)] string Reference)
{
    public static ExportApprovalRequest Example => new("MOFCOM technology export licence 2024-TE-0193");
}

public sealed record RecordTransferRequest([property: Text(PatentRules.MaxReferenceLength)] string RegistrationReference)
{
    public static RecordTransferRequest Example => new("CNIPA assignment registration 2024-ZR-55812");
}

public static class PatentTransfersApi
{
    public static RouteGroupBuilder MapPatentTransfersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/patent-transfers/{transferId:guid}").WithTags("Patent transfers").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetPatentTransfer").WithSummary("A patent transfer (its parties, operator or regulator).")
            .Refuses(DomainErrors.PatentTransferNotFound);
        group.MapPost("/consent", Consent).WithName("ConsentToPatentTransfer").WithSummary("A co-owner consents to the assignment.")
            .Refuses(DomainErrors.PatentTransferNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/export-approval", FileExportApproval).WithName("FileExportApproval").WithSummary("A foreign buyer files its technology-export approval reference.")
            .Refuses(DomainErrors.PatentTransferNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/escrow", Escrow).WithName("EscrowPatentTransferFunds").WithSummary("The buyer puts the price into escrow.")
            .Refuses(DomainErrors.PatentTransferNotFound, DomainErrors.InvalidTransition, DomainErrors.ConsentMissing, DomainErrors.ExportApprovalMissing, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
        group.MapPost("/record", Record).WithName("RecordPatentTransfer").WithSummary("Record the registration with the patent office, then settle (operator only).")
            .Refuses(DomainErrors.PatentTransferNotFound, DomainErrors.InvalidTransition, DomainErrors.ConsentMissing, DomainErrors.ExportApprovalMissing, DomainErrors.InvalidPatentTransition, DomainErrors.PatentNotInForce);
        group.MapPost("/cancel", Cancel).WithName("CancelPatentTransfer").WithSummary("Cancel before recording; escrow goes back to the buyer (a party or the operator).")
            .Refuses(DomainErrors.PatentTransferNotFound, DomainErrors.InvalidTransition);
        return group;
    }

    public static async Task<Ok<PatentTransferResponse>> Get(Guid transferId, HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        var transfer = await Find(cluster, transferId);
        if (!caller.IsStaff && caller.ParticipantId != transfer.BuyerId && transfer.Sellers.All(s => s.ParticipantId != caller.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} is not a party to patent transfer {transferId}.");
        }
        return TypedResults.Ok(PatentTransferResponse.From(transfer));
    }

    public static async Task<Ok<PatentTransferResponse>> Consent(Guid transferId, HttpContext http, IClusterClient cluster) =>
        await Act(transferId, http, cluster, (grain, actor) => grain.Consent(actor));

    public static async Task<Ok<PatentTransferResponse>> FileExportApproval(Guid transferId, ExportApprovalRequest request, HttpContext http, IClusterClient cluster) =>
        await Act(transferId, http, cluster, (grain, actor) => grain.FileExportApproval(request.Reference, actor));

    public static async Task<Ok<PatentTransferResponse>> Escrow(Guid transferId, HttpContext http, IClusterClient cluster) =>
        await Act(transferId, http, cluster, (grain, actor) => grain.EscrowFunds(actor));

    public static async Task<Ok<PatentTransferResponse>> Record(Guid transferId, RecordTransferRequest request, HttpContext http, IClusterClient cluster)
    {
        CommandContext.From(http).Caller.RequireRole(ParticipantRoles.Operator, "record patent transfers");
        return await Act(transferId, http, cluster, (grain, actor) => grain.Record(request.RegistrationReference, actor));
    }

    public static async Task<Ok<PatentTransferResponse>> Cancel(Guid transferId, HttpContext http, IClusterClient cluster) =>
        await Act(transferId, http, cluster, (grain, actor) => grain.Cancel(actor));

    /// <summary>The grain knows the parties and refuses anyone else (403).</summary>
    private static async Task<Ok<PatentTransferResponse>> Act(Guid transferId, HttpContext http, IClusterClient cluster, Func<IPatentTransferGrain, Actor, Task<PatentTransferSnapshot>> command)
    {
        var context = CommandContext.From(http);
        await Find(cluster, transferId);
        return TypedResults.Ok(PatentTransferResponse.From(await command(cluster.GetGrain<IPatentTransferGrain>(transferId), context.Caller.Actor)));
    }

    private static async Task<PatentTransferSnapshot> Find(IClusterClient cluster, Guid transferId) =>
        await cluster.GetGrain<IPatentTransferGrain>(transferId).TryGet()
        ?? throw new DomainException(DomainErrors.PatentTransferNotFound, $"Patent transfer {transferId} does not exist.");
}
