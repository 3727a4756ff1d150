using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Ledger;

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/transfers").WithTags("Transfers").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateTransfer").WithSummary("Pay from the caller's account: immediate, or held in escrow.")
            .Refuses(DomainErrors.InvalidAmount, DomainErrors.SameAccount, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.ParticipantNotFound, DomainErrors.ConcurrentUpdate);
        group.MapGet("/{transferId:guid}", Get).WithName("GetTransfer").WithSummary("A transfer (payer, payee, operator or regulator).").Refuses(DomainErrors.TransferNotFound);
        group.MapPost("/{transferId:guid}/settle", Settle).WithName("SettleTransfer").WithSummary("Pay a held transfer to its payee (payer or operator).")
            .Refuses(DomainErrors.TransferNotFound, DomainErrors.InvalidTransition, DomainErrors.ConcurrentUpdate);
        group.MapPost("/{transferId:guid}/release", Release).WithName("ReleaseTransfer").WithSummary("Return a held transfer to the payer (payer or operator).")
            .Refuses(DomainErrors.TransferNotFound, DomainErrors.InvalidTransition, DomainErrors.ConcurrentUpdate);
        return group;
    }

    public static async Task<Created<TransferResponse>> Create(CreateTransferRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var transferRequest = new TransferRequest(command.Caller.ParticipantId, PayeeAccount(request.Payee), Money.PositiveFromYuan(request.Amount),
            request.Mode, request.Memo ?? "", command.RequestHash);
        var transfer = await cluster.GetGrain<ITransferDeskGrain>(0).Execute(command.DeriveId("transfer"), transferRequest, command.Caller.Actor, command.Idempotency);
        return TypedResults.Created($"/api/transfers/{transfer.TransferId}", TransferResponse.From(transfer));
    }

    public static async Task<Ok<TransferResponse>> Get(Guid transferId, HttpContext http, IClusterClient cluster)
    {
        var transfer = await FindVisible(cluster, transferId, Caller.From(http.User), mayAct: false);
        return TypedResults.Ok(TransferResponse.From(transfer));
    }

    public static async Task<Ok<TransferResponse>> Settle(Guid transferId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, transferId, command.Caller, mayAct: true);
        return TypedResults.Ok(TransferResponse.From(await cluster.GetGrain<ITransferGrain>(transferId).Settle(command.Caller.Actor, command.Idempotency)));
    }

    public static async Task<Ok<TransferResponse>> Release(Guid transferId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, transferId, command.Caller, mayAct: true);
        return TypedResults.Ok(TransferResponse.From(await cluster.GetGrain<ITransferGrain>(transferId).Release(command.Caller.Actor, command.Idempotency)));
    }

    /// <summary>Payer and payee may see a transfer; only the payer (or the operator) may settle or release it.</summary>
    private static async Task<TransferSnapshot> FindVisible(IClusterClient cluster, Guid transferId, Caller caller, bool mayAct)
    {
        var transfer = await cluster.GetGrain<ITransferGrain>(transferId).TryGet()
            ?? throw new DomainException(DomainErrors.TransferNotFound, $"Transfer {transferId} does not exist.");
        var own = AccountId.ForParticipant(caller.ParticipantId);
        var allowed = mayAct
            ? transfer.PayerAccount == own || (caller.Roles & Grains.Participants.ParticipantRoles.Operator) != 0
            : transfer.PayerAccount == own || transfer.PayeeAccount == own || caller.IsStaff;
        if (!allowed)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} may not {(mayAct ? "act on" : "see")} transfer {transferId}.");
        }
        return transfer;
    }

    private static string PayeeAccount(string? payee)
    {
        if (payee == AccountId.PlatformEscrow)
        {
            return AccountId.PlatformEscrow;
        }
        if (Guid.TryParse(payee, out var participantId))
        {
            return AccountId.ForParticipant(participantId);
        }
        throw new DomainException(DomainErrors.InvalidInput, $"The payee is a participant id or \"{AccountId.PlatformEscrow}\".", "payee");
    }
}
