using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Api.Lists;
using Exchange.Grains.Common;
using Exchange.Grains.Lists;
using Exchange.Grains.Participants;
using Exchange.Grains.Pledges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Pledges;

/// <summary>
/// Pledge financing (domain.md §6): the bank and the owners apply and sign, the operator reviews for the patent
/// office, the pledgors repay through the ledger, the bank declares a default and consents to deals in its collateral.
/// The bank's portfolio and the operator's review queue are paginated.
/// </summary>
public static class PledgesApi
{
    private static readonly DomainError[] CollateralRefusals =
    [
        DomainErrors.PatentNotFound, DomainErrors.LicenseNotFound, DomainErrors.InvalidApplicationNumber, DomainErrors.PatentAlreadyPledged,
        DomainErrors.RegistrationUnconfirmed, DomainErrors.PledgeDocumentMissing, DomainErrors.InvalidAmount, DomainErrors.ParticipantNotFound,
        DomainErrors.KycNotVerified, DomainErrors.PatentTransferPending, DomainErrors.PatentUnderPreservation,
    ];

    private static readonly DomainError[] RegistrationRefusals =
    [
        DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.PledgeFeeUnpaid, DomainErrors.PatentNotInForce, DomainErrors.PatentAlreadyPledged,
        DomainErrors.LoanOutlivesPatent, DomainErrors.CoOwnerConsentMissing, DomainErrors.PledgeeSignatureMissing, DomainErrors.LoanAboveValueCap,
        DomainErrors.PatentUnderPreservation, DomainErrors.InvalidationRiskUnacknowledged, DomainErrors.RoyaltiesAlreadyAssigned,
    ];

    public static void MapPledgesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/pledges").WithTags("Pledges").RequireAuthorization();
        group.MapPost("/", Apply).WithName("ApplyForPledge")
            .WithSummary("Apply for a pledge of patents and/or licence royalties securing a loan (the pledgee or an owner of the collateral); the applicant signs.")
            .Refuses([.. CollateralRefusals]);
        group.MapGet("/", List).WithName("ListPledges").WithSummary("Pledges the caller holds as pledgee or gave as pledgor (as=pledgee|pledgor); staff see all.");
        group.MapGet("/portfolio", Portfolio).WithName("PledgePortfolio")
            .WithSummary("A bank's portfolio: every pledge it holds with outstanding principal, next due date, days past due and LTV against the appraisal (the bank; staff name it).");
        group.MapGet("/review-queue", ReviewQueue).WithName("PledgeReviewQueue")
            .WithSummary("Applications awaiting the operator's decision, with their 2- or 5-working-day deadlines (operator or regulator).");
        group.MapGet("/{pledgeId:guid}", Get).WithName("GetPledge").WithSummary("A pledge with its schedule and standing (its parties, the buyer its sale names, operator or regulator).")
            .Refuses(DomainErrors.PledgeNotFound);
        group.MapPost("/{pledgeId:guid}/signature", Sign).WithName("SignPledge").WithSummary("The other party or a co-owner signs the application.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{pledgeId:guid}/review", StartReview).WithName("StartPledgeReview").WithSummary("Take the application up for review (operator only).")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{pledgeId:guid}/registration", Register).WithName("RegisterPledge")
            .WithSummary("Register the pledge (operator only): refused with the first failed rule's type, and how many more there are.")
            .Refuses(RegistrationRefusals);
        group.MapPost("/{pledgeId:guid}/refusal", Refuse).WithName("RefusePledge").WithSummary("Refuse the registration with a note; the review's own reasons are recorded too (operator only).")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{pledgeId:guid}/withdrawal", Withdraw).WithName("WithdrawPledge").WithSummary("A party withdraws the application before it is decided.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{pledgeId:guid}/repayments", Repay).WithName("RepayPledgeLoan")
            .WithSummary("A pledgor repays through the ledger to the pledgee; the last of the loan releases the pledge, the arrears paid cure a default.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.RequestInProgress);
        group.MapPost("/{pledgeId:guid}/early-repayments", RepayEarly).WithName("RepayPledgeLoanEarly")
            .WithSummary("A pledgor repays principal early; the remaining instalments are recomputed on the smaller balance.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.EarlyRepaymentRefused, DomainErrors.InvalidAmount, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.RequestInProgress);
        group.MapPost("/{pledgeId:guid}/default", DeclareDefault).WithName("DeclarePledgeDefault")
            .WithSummary("The pledgee declares the default of a loan overdue past its grace days; pledged royalties are swept to it.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.LoanNotInDefault);
        group.MapPost("/{pledgeId:guid}/enforcement", Enforce).WithName("EnforcePledge")
            .WithSummary("The pledgee enforces a defaulted pledge: a direct sale of its patents to a buyer it names, at a price, for the operator to approve.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount, DomainErrors.InvalidInput);
        group.MapPost("/{pledgeId:guid}/enforcement/approval", ApproveSale).WithName("ApprovePledgeSale")
            .WithSummary("The operator approves the enforcement sale: the patents are claimed for it and the buyer has 30 days to pay (operator only).")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.PatentTransferPending, DomainErrors.LicenseConsentsPending, DomainErrors.PatentNotInForce, DomainErrors.InvalidPatentTransition, DomainErrors.PatentPledged, DomainErrors.PatentUnderPreservation);
        group.MapPost("/{pledgeId:guid}/enforcement/payment", PayForSale).WithName("PayForPledgeSale")
            .WithSummary("The buyer pays the price: the pledgee is paid what it is owed, any surplus goes to the pledgors, the patents pass to the buyer and the pledge closes.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
        group.MapPost("/{pledgeId:guid}/consents", Consent).WithName("ConsentToCollateralDeal")
            .WithSummary("The pledgee consents to one deal in the collateral (a sale to a buyer, a licence to a licensee, an open licence); its money goes to early repayment or escrow.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount, DomainErrors.InvalidApplicationNumber);
        group.MapPost("/{pledgeId:guid}/repayments/received", RecordRepaymentReceived).WithName("RecordPledgeRepaymentReceived")
            .WithSummary("The pledgee records a repayment it received outside the exchange, with its payment reference; no money moves on the exchange.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount, DomainErrors.InvalidInput, DomainErrors.RequestInProgress);
        group.MapPost("/{pledgeId:guid}/escrow/draws", DrawOnEscrow).WithName("DrawOnPledgeEscrow")
            .WithSummary("The pledgee, the loan in default, takes what the escrowed proceeds of consented deals cover of what is still owed.")
            .Refuses(DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount);
    }

    public static async Task<Created<PledgeResponse>> Apply(ApplyForPledgeRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var pledge = await cluster.GetGrain<IPledgeGrain>(command.DeriveId("pledge")).Apply(request.ToDomain(), command.Caller.Actor);
        return TypedResults.Created($"/api/pledges/{pledge.PledgeId}", PledgeResponse.From(pledge));
    }

    public static async Task<Ok<PledgeResponse>> Get(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(PledgeResponse.From(await FindVisible(cluster, pledgeId, Caller.From(http.User))));

    /// <summary>The pledge, for its parties (and the buyer its sale names) and the staff: 404 when it does not exist, 403 for anyone else.</summary>
    internal static async Task<PledgeSnapshot> FindVisible(IClusterClient cluster, Guid pledgeId, Caller caller)
    {
        var pledge = await Find(cluster, pledgeId);
        return caller.IsStaff || IsParty(pledge, caller.ParticipantId) ? pledge
            : throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} is not a party to pledge {pledgeId}.");
    }

    public static Task<Ok<ListPageResponse>> List(HttpContext http, IClusterClient cluster, Guid? participant,
        [FromQuery(Name = "as")][Values(DirectoryRelations.Pledgee, DirectoryRelations.Pledgor)] string? relation,
        [EnumNames(typeof(PledgeStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit) =>
        ListsApi.ListAsync(cluster, ListKind.Pledge, ListsApi.PartyVisibleTo(Caller.From(http.User), participant, "pledges"), relation, status, after, limit);

    public static async Task<Ok<PortfolioPageResponse>> Portfolio(HttpContext http, IClusterClient cluster, Guid? pledgee,
        [EnumNames(typeof(PledgeStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        var caller = Caller.From(http.User);
        var bank = pledgee ?? caller.ParticipantId;
        if (bank != caller.ParticipantId)
        {
            caller.RequireSelfOrStaff(bank, "read the pledge portfolio");
        }
        var (pledges, next) = await PageAsync(cluster, bank, status, after, limit);
        var items = pledges.Select(p => new PortfolioItemResponse(p.PledgeId, p.Status, p.Pledgors, p.Application.Loan.Principal.Yuan,
            (p.Standing?.OutstandingPrincipal ?? p.Application.Loan.Principal).Yuan, p.Standing?.NextDue?.DueOn, p.Standing?.NextDue?.Payment.Yuan,
            p.Standing?.DaysPastDue ?? 0, p.Standing?.Arrears.Yuan ?? 0, p.Application.Appraisal.Value.Yuan, p.LoanToValue * 100m, $"/api/pledges/{p.PledgeId}")).ToArray();
        return TypedResults.Ok(new PortfolioPageResponse(items, next));
    }

    public static async Task<Ok<ReviewQueuePageResponse>> ReviewQueue(HttpContext http, IClusterClient cluster,
        [Values("applied", "underReview")] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        Caller.From(http.User).RequireRole(ParticipantRoles.Operator | ParticipantRoles.Regulator, "read the pledge review queue");
        var wanted = status ?? DirectoryStatus.Of(PledgeStatus.Applied);
        if (wanted != DirectoryStatus.Of(PledgeStatus.Applied) && wanted != DirectoryStatus.Of(PledgeStatus.UnderReview))
        {
            throw new DomainException(DomainErrors.InvalidInput, "'status' is applied or underReview.", "status");
        }
        var (pledges, next) = await PageAsync(cluster, null, wanted, after, limit);
        var items = pledges.Select(p => new ReviewQueueItemResponse(p.PledgeId, p.Status, p.Application.PledgeeId, p.Pledgors,
            p.Application.Channel, p.ReceivedOn, p.DecideBy, p.ReviewOverdue, p.Application.Loan.Principal.Yuan, $"/api/pledges/{p.PledgeId}")).ToArray();
        return TypedResults.Ok(new ReviewQueuePageResponse(items, next));
    }

    public static Task<Ok<PledgeResponse>> Sign(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Sign(actor));

    public static Task<Ok<PledgeResponse>> StartReview(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.StartReview(actor), ParticipantRoles.Operator, "review pledges");

    public static Task<Ok<PledgeResponse>> Register(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Register(actor), ParticipantRoles.Operator, "register pledges");

    public static Task<Ok<PledgeResponse>> Refuse(Guid pledgeId, RefusePledgeRequest request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Refuse(request.Note, actor), ParticipantRoles.Operator, "refuse pledges");

    public static Task<Ok<PledgeResponse>> Withdraw(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Withdraw(actor));

    public static Task<Ok<PledgeResponse>> Repay(Guid pledgeId, PledgeRepaymentRequest request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Repay(CommandContext.From(http).DeriveId("pledge-repayment"), Money.PositiveFromYuan(request.Amount), actor));

    public static Task<Ok<PledgeResponse>> RepayEarly(Guid pledgeId, PledgeRepaymentRequest request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.RepayEarly(CommandContext.From(http).DeriveId("pledge-repayment"), Money.PositiveFromYuan(request.Amount), actor));

    public static Task<Ok<PledgeResponse>> DeclareDefault(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.DeclareDefault(actor));

    public static Task<Ok<PledgeResponse>> Consent(Guid pledgeId, PledgeeConsentDto request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.ConsentToDisposal(request.ToDomain(), actor));

    public static Task<Ok<PledgeResponse>> RecordRepaymentReceived(Guid pledgeId, RepaymentReceivedRequest request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) =>
            grain.RecordRepaymentReceived(CommandContext.From(http).DeriveId("pledge-repayment"), Money.PositiveFromYuan(request.Amount), request.Reference, actor));

    public static Task<Ok<PledgeResponse>> DrawOnEscrow(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.DrawOnEscrow(CommandContext.From(http).DeriveId("pledge-escrow-draw"), actor));

    public static Task<Ok<PledgeResponse>> Enforce(Guid pledgeId, EnforcePledgeRequest request, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.Enforce(request.BuyerId, Money.PositiveFromYuan(request.Price, "price"), actor));

    public static Task<Ok<PledgeResponse>> ApproveSale(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.ApproveSale(actor), ParticipantRoles.Operator, "approve enforcement sales");

    public static Task<Ok<PledgeResponse>> PayForSale(Guid pledgeId, HttpContext http, IClusterClient cluster) =>
        Act(pledgeId, http, cluster, (grain, actor) => grain.PayForSale(actor));

    /// <summary>Its bank, its pledgors, and the buyer an enforcement sale names (who must see what it pays for).</summary>
    private static bool IsParty(PledgeSnapshot pledge, Guid participantId) =>
        pledge.Application.PledgeeId == participantId || pledge.Pledgors.Contains(participantId) || pledge.Sale?.BuyerId == participantId;

    /// <summary>The grain knows the parties and refuses anyone else (403); operator decisions are checked here by role.</summary>
    private static async Task<Ok<PledgeResponse>> Act(Guid pledgeId, HttpContext http, IClusterClient cluster, Func<IPledgeGrain, Actor, Task<PledgeSnapshot>> command,
        ParticipantRoles? role = null, string? action = null)
    {
        var context = CommandContext.From(http);
        if (role is { } required)
        {
            context.Caller.RequireRole(required, action!);
        }
        await Find(cluster, pledgeId);
        return TypedResults.Ok(PledgeResponse.From(await command(cluster.GetGrain<IPledgeGrain>(pledgeId), context.Caller.Actor)));
    }

    private static Task<(IReadOnlyList<PledgeSnapshot> Pledges, long? NextCursor)> PageAsync(IClusterClient cluster, Guid? pledgee, string? status, long? after, int? limit)
    {
        var (cursor, size) = Pagination.Validate(after, limit);
        if (status is not null && !ListKind.Pledge.Statuses.Contains(status))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"'status' is one of: {string.Join(", ", ListKind.Pledge.Statuses)}.", "status");
        }
        return PledgePortfolio.PageAsync(cluster, pledgee, status, cursor, size);
    }

    private static async Task<PledgeSnapshot> Find(IClusterClient cluster, Guid pledgeId) =>
        await cluster.GetGrain<IPledgeGrain>(pledgeId).TryGet()
        ?? throw new DomainException(DomainErrors.PledgeNotFound, $"Pledge {pledgeId} does not exist.");
}
