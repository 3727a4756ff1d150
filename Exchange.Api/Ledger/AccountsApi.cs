using Exchange.Api.Infrastructure;
using Exchange.Api.Participants;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Ledger;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/accounts/{participantId:guid}").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetAccount").WithSummary("Available and reserved balances (owner, operator or regulator).").Refuses(DomainErrors.ParticipantNotFound);
        group.MapGet("/statement", Statement).WithName("GetStatement").WithSummary("Statement lines, oldest first, paged by cursor.").Refuses(DomainErrors.ParticipantNotFound);
        group.MapPost("/deposits", Deposit).WithName("RecordDeposit").WithMetadata(new LedgerCommandAttribute()).WithSummary("Record money received for the participant (operator only).")
            .Refuses(DomainErrors.InvalidAmount, DomainErrors.ParticipantNotFound, DomainErrors.KycNotVerified, DomainErrors.ConcurrentUpdate);
        group.MapPost("/withdrawals", Withdraw).WithName("Withdraw").WithMetadata(new LedgerCommandAttribute()).WithSummary("Pay money out of the exchange (owner only).")
            .Refuses(DomainErrors.InvalidAmount, DomainErrors.ParticipantNotFound, DomainErrors.KycNotVerified, DomainErrors.InsufficientFunds, DomainErrors.ConcurrentUpdate);
        return group;
    }

    public static async Task<Ok<AccountResponse>> Get(Guid participantId, HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireSelfOrStaff(participantId, "read the account");
        await ParticipantsApi.Find(cluster, participantId);
        return TypedResults.Ok(AccountResponse.From(await Account(cluster, participantId).GetBalances()));
    }

    public static async Task<Ok<StatementResponse>> Statement(Guid participantId, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit, HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireSelfOrStaff(participantId, "read the statement");
        var (a, l) = Pagination.Validate(after, limit);
        await ParticipantsApi.Find(cluster, participantId);
        var accountId = AccountId.ForParticipant(participantId);
        var page = await cluster.GetGrain<ILedgerQueryGrain>(0).GetStatement(accountId, a, l);
        var lines = page.Lines.Select(x => new StatementLineResponse(x.Sequence, x.PostingId, x.Kind, x.Bucket, new Money(x.AmountFen).Yuan, x.TransferId, x.Memo, x.At)).ToArray();
        return TypedResults.Ok(new StatementResponse(accountId, lines, page.NextCursor));
    }

    public static async Task<Ok<AccountResponse>> Deposit(Guid participantId, MoneyMovementRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record deposits");
        var (amount, memo) = Validate(request);
        var account = await Account(cluster, participantId).Deposit($"deposit:{command.DeriveId($"deposit/{participantId:N}"):N}", amount, memo, command.Caller.Actor, command.Idempotency);
        return TypedResults.Ok(AccountResponse.From(account));
    }

    public static async Task<Ok<AccountResponse>> Withdraw(Guid participantId, MoneyMovementRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireSelf(participantId, "withdraw");
        var (amount, memo) = Validate(request);
        var account = await Account(cluster, participantId).Withdraw($"withdrawal:{command.DeriveId("withdrawal"):N}", amount, memo, command.Caller.Actor, command.Idempotency);
        return TypedResults.Ok(AccountResponse.From(account));
    }

    private static (Money Amount, string Memo) Validate(MoneyMovementRequest request)
    {
        var memo = request.Memo ?? "";
        if (memo.Length > TransferRules.MaxMemoLength)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The memo is at most {TransferRules.MaxMemoLength} characters.", "memo");
        }
        return (Money.PositiveFromYuan(request.Amount), memo);
    }

    private static IAccountGrain Account(IClusterClient cluster, Guid participantId) =>
        cluster.GetGrain<IAccountGrain>(AccountId.ForParticipant(participantId));
}
