using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Ledger;

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/transfers").WithTags("Transfers").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateTransfer").WithMetadata(new LedgerCommandAttribute()).WithSummary("Pay from the caller's account: immediate, or held in escrow.")
            .Refuses(DomainErrors.InvalidAmount, DomainErrors.SameAccount, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.ParticipantNotFound, DomainErrors.ConcurrentUpdate);
        group.MapGet("/", List).WithName("ListTransfers")
            .WithSummary("The caller's transfers, newest first: those it pays or receives (as=payer|payee); staff name any participant.");
        group.MapGet("/{transferId:guid}", Get).WithName("GetTransfer").WithSummary("A transfer (payer, payee, operator or regulator).").Refuses(DomainErrors.TransferNotFound);
        group.MapPost("/{transferId:guid}/settle", Settle).WithName("SettleTransfer").WithMetadata(new LedgerCommandAttribute()).WithSummary("Pay a held transfer to its payee (payer or operator).")
            .Refuses(DomainErrors.TransferNotFound, DomainErrors.InvalidTransition, DomainErrors.ConcurrentUpdate);
        group.MapPost("/{transferId:guid}/release", Release).WithName("ReleaseTransfer").WithMetadata(new LedgerCommandAttribute()).WithSummary("Return a held transfer to the payer (payer or operator).")
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

    public static async Task<Ok<TransferPageResponse>> List(HttpContext http, IClusterClient cluster, Guid? participant,
        [FromQuery(Name = "as")][Values(Payer, Payee)] string? side,
        [EnumNames(typeof(TransferStatus))] string? status,
        [Text(TransferCursor.MaxLength, Optional = true, Pattern = TransferCursor.Pattern)] string? after,
        [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        var caller = Caller.From(http.User);
        var whose = participant ?? caller.ParticipantId;
        caller.RequireSelfOrStaff(whose, "list the transfers");
        var query = new TransferQuery(AccountId.ForParticipant(whose), SideOf(side), StatusOf(status), CursorOf(after), Pagination.Validate(0, limit).Limit);
        var page = await cluster.GetGrain<ILedgerQueryGrain>(0).ListTransfers(query);
        return TypedResults.Ok(new TransferPageResponse([.. page.Items.Select(t => TransferResponse.From(t))], page.NextCursor));
    }

    private const string Payer = "payer";
    private const string Payee = "payee";

    private static TransferSide SideOf(string? side) => side switch
    {
        null => TransferSide.Either,
        Payer => TransferSide.Payer,
        Payee => TransferSide.Payee,
        _ => throw new DomainException(DomainErrors.InvalidInput, $"'as' is {Payer} or {Payee}.", "as"),
    };

    private static TransferStatus? StatusOf(string? status)
    {
        if (status is null)
        {
            return null;
        }
        foreach (var candidate in Enum.GetValues<TransferStatus>())
        {
            if (Grains.Lists.DirectoryStatus.Of(candidate) == status)
            {
                return candidate;
            }
        }
        throw new DomainException(DomainErrors.InvalidInput,
            $"'status' is one of: {string.Join(", ", Enum.GetValues<TransferStatus>().Select(Grains.Lists.DirectoryStatus.Of))}.", "status");
    }

    private static TransferCursor? CursorOf(string? after) => TransferCursor.TryParse(after, out var cursor)
        ? cursor
        : throw new DomainException(DomainErrors.InvalidInput, "'after' is the nextCursor of the previous page.", "after");

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
