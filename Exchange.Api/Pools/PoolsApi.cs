using Exchange.Api.Infrastructure;
using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Api.Ledger;
using Exchange.Api.Lists;
using Exchange.Grains.Common;
using Exchange.Grains.Lists;
using Exchange.Grains.Participants;
using Exchange.Grains.Pools;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Api.Pools;

/// <summary>
/// Securitization pools (domain.md §7): an operating agency structures a pool from licence receivables and opens it
/// for subscription; qualified investors subscribe, their money held in escrow; at the close the pool is issued (or
/// cancelled); each distribution date the waterfall pays every holder through the ledger. A pool being structured is
/// its originator's (and the staff's) to see; once offered, its terms and standing are public, as an offering's are.
/// </summary>
public static class PoolsApi
{
    private static readonly DomainError[] ReceivableRefusals =
    [
        DomainErrors.PoolNotFound, DomainErrors.InvalidTransition, DomainErrors.LicenseNotFound, DomainErrors.ReceivableLicenseNotActive,
        DomainErrors.ReceivablePledged, DomainErrors.ReceivableInAnotherPool, DomainErrors.ReceivableTermTooShort, DomainErrors.ReceivableNotOriginators,
    ];

    public static void MapPoolsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/pools").WithTags("Pools").RequireAuthorization();
        group.MapPost("/", Structure).WithName("StructurePool")
            .WithSummary("Structure a pool (a KYC-verified operating agency, its originator): tranches, dates, fees, reserve, triggers, clean-up call, holder and resale limits.")
            .Refuses(DomainErrors.InvalidPoolTerms, DomainErrors.ParticipantNotFound, DomainErrors.KycNotVerified);
        group.MapGet("/", List).WithName("ListPools")
            .WithSummary("Pools the caller originated or invested in (as=originator|investor); offered=true lists every pool open for subscription, for investors, agencies and staff.");
        group.MapGet("/{poolId:guid}", Get).WithName("GetPool").WithSummary("A pool: its structure, tranches and standing (once offered, anyone; while structured, its originator and staff).")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapPost("/{poolId:guid}/receivables", AssignReceivable).WithName("AssignPoolReceivable")
            .WithSummary("The originator sells a licence's royalty receivable into the pool while it is structured; each ineligible receivable is refused with its own type.")
            .Refuses(ReceivableRefusals);
        group.MapDelete("/{poolId:guid}/receivables/{licenseId:guid}", RemoveReceivable).WithName("RemovePoolReceivable")
            .WithSummary("The originator takes a receivable out of the pool while it is structured.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{poolId:guid}/opening", Open).WithName("OpenPoolSubscription")
            .WithSummary("The originator opens the subscription window; every receivable is checked again.")
            .Refuses(ReceivableRefusals);
        group.MapPost("/{poolId:guid}/subscriptions", Subscribe).WithName("SubscribeToPool")
            .WithSummary("A KYC-verified investor subscribes units of a tranche in whole lots; their face value is held in escrow until the pool is issued or cancelled.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidSubscription, DomainErrors.InvestorNotQualified,
                DomainErrors.PoolHolderLimitReached, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.RequestInProgress);
        group.MapPost("/{poolId:guid}/closing", Close).WithName("ClosePoolSubscription")
            .WithSummary("After the window closes (the originator or the operator): units allotted by largest remainder, the originator paid and the rest refunded; or, undersubscribed, cancelled and everyone refunded.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{poolId:guid}/cancellation", Cancel).WithName("CancelPool")
            .WithSummary("The originator (or the operator) cancels the pool before issue; every subscriber is refunded in full and the receivables are freed.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{poolId:guid}/distributions", Distribute).WithName("DistributePool")
            .WithSummary("Runs the waterfall for every distribution date that has come (the originator or the operator; the pool also does so itself each day): one balanced posting per date.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{poolId:guid}/call", Call).WithName("CallPool")
            .WithSummary("The originator's clean-up call, once the outstanding principal is below its share of the original: it pays the investors what they are still owed (less the pool's cash) and the pool winds up.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
        group.MapGet("/{poolId:guid}/periods", Periods).WithName("ListPoolPeriods")
            .WithSummary("Every distribution made: collections, each step's due and paid, the tranches after, the triggers (at most one per date, 40 at most).")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapGet("/{poolId:guid}/position", Position).WithName("GetPoolPosition")
            .WithSummary("The caller's subscriptions and holdings in the pool (staff name an investor).")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapGet("/{poolId:guid}/statement", Statement).WithName("GetPoolStatement")
            .WithSummary("The caller's statement in the pool (staff name an investor): holdings, cash flows by date, and the return as XIRR.")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapPost("/{poolId:guid}/trades", OfferUnits).WithName("OfferPoolUnits")
            .WithSummary("A holder offers units of a tranche at a price, to a named buyer or any qualified investor; units bought are resold no sooner than the pool's minimum trading days.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidTransition, DomainErrors.InvalidAmount, DomainErrors.UnitsInHoldingPeriod, DomainErrors.PoolTradingFull);
        group.MapGet("/{poolId:guid}/trades", Trades).WithName("ListPoolTrades")
            .WithSummary("The pool's open offers, and the caller's own trades (staff: every trade); the open ones first, newest first, at most 200 open (20 from one seller) and the 50 latest finished kept.")
            .Refuses(DomainErrors.PoolNotFound);
        group.MapPost("/{poolId:guid}/trades/{tradeId:guid}/acceptance", AcceptTrade).WithName("AcceptPoolTrade")
            .WithSummary("A qualified investor accepts an offer: its price is held in escrow, then the units and the money move together (delivery versus payment).")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.PoolTradeNotFound, DomainErrors.InvalidTransition, DomainErrors.InvestorNotQualified, DomainErrors.PoolHolderLimitReached,
                DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified, DomainErrors.RequestInProgress);
        group.MapPost("/{poolId:guid}/trades/{tradeId:guid}/withdrawal", WithdrawTrade).WithName("WithdrawPoolTrade")
            .WithSummary("The seller withdraws an offer nobody has accepted.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.PoolTradeNotFound, DomainErrors.InvalidTransition);
        group.MapPoolOrders();
        group.MapGet("/{poolId:guid}/scenario", Scenario).WithName("RunPoolScenario")
            .WithSummary("The pool run forward on its projected collections scaled by collectionsFactor (0.7: royalties fall 30%): the same waterfall, nothing moved.")
            .Refuses(DomainErrors.PoolNotFound, DomainErrors.InvalidPoolTerms);
    }

    public static async Task<Created<PoolResponse>> Structure(StructurePoolRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Agency, "structure pools");
        var pool = await cluster.GetGrain<IPoolGrain>(command.DeriveId("pool")).Structure(request.ToDomain(), command.Caller.Actor);
        return TypedResults.Created($"/api/pools/{pool.PoolId}", PoolResponse.From(pool));
    }

    public static Task<Ok<ListPageResponse>> List(HttpContext http, IClusterClient cluster, Guid? participant,
        [FromQuery(Name = "as")][Values(DirectoryRelations.Originator, DirectoryRelations.Investor)] string? relation, bool? offered,
        [EnumNames(typeof(PoolStatus))] string? status, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit)
    {
        var caller = Caller.From(http.User);
        if (offered == true && !caller.IsStaff && !IsInvestor(caller) && (caller.Roles & ParticipantRoles.Agency) == 0)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Pools are offered to investors only; participant {caller.ParticipantId} is not registered as one.");
        }
        return offered == true
            ? ListsApi.ListAsync(cluster, ListKind.Pool, null, null, status, after, limit, DirectoryParty.PoolMarket)
            : ListsApi.ListAsync(cluster, ListKind.Pool, ListsApi.PartyVisibleTo(caller, participant, "pools"), relation, status, after, limit);
    }

    public static async Task<Ok<PoolResponse>> Get(Guid poolId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(PoolResponse.From(await FindVisible(cluster, poolId, Caller.From(http.User))));

    public static Task<Ok<PoolResponse>> AssignReceivable(Guid poolId, AssignReceivableRequest request, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.AssignReceivable(request.LicenseId, actor));

    public static Task<Ok<PoolResponse>> RemoveReceivable(Guid poolId, Guid licenseId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.RemoveReceivable(licenseId, actor));

    public static Task<Ok<PoolResponse>> Open(Guid poolId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.OpenSubscription(actor));

    public static async Task<Ok<PoolPositionResponse>> Subscribe(Guid poolId, SubscribeRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, poolId, command.Caller);
        var position = await cluster.GetGrain<IPoolGrain>(poolId).Subscribe(command.DeriveId("pool-subscription"), request.TrancheId, request.Units, command.Caller.Actor);
        return TypedResults.Ok(PoolPositionResponse.From(position));
    }

    public static Task<Ok<PoolResponse>> Close(Guid poolId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.CloseSubscription(actor));

    public static Task<Ok<PoolResponse>> Cancel(Guid poolId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.Cancel(actor));

    public static Task<Ok<PoolResponse>> Distribute(Guid poolId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.Distribute(actor));

    public static Task<Ok<PoolResponse>> Call(Guid poolId, HttpContext http, IClusterClient cluster) =>
        Act(poolId, http, cluster, (grain, actor) => grain.Call(CommandContext.From(http).DeriveId("pool-call"), actor));

    public static async Task<Ok<PoolPeriodsResponse>> Periods(Guid poolId, HttpContext http, IClusterClient cluster)
    {
        await FindVisible(cluster, poolId, Caller.From(http.User));
        var periods = await cluster.GetGrain<IPoolGrain>(poolId).GetPeriods();
        return TypedResults.Ok(new PoolPeriodsResponse([.. periods.Select(PoolPeriodResponse.From)]));
    }

    public static async Task<Ok<PoolPositionResponse>> Position(Guid poolId, Guid? investor, HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        var whose = investor ?? caller.ParticipantId;
        caller.RequireSelfOrStaff(whose, "read another investor's position");
        await FindVisible(cluster, poolId, caller);
        return TypedResults.Ok(PoolPositionResponse.From(await cluster.GetGrain<IPoolGrain>(poolId).GetPosition(whose)));
    }

    public static async Task<Ok<PoolStatementResponse>> Statement(Guid poolId, Guid? investor, HttpContext http, IClusterClient cluster, TimeProvider clock)
    {
        var caller = Caller.From(http.User);
        var whose = investor ?? caller.ParticipantId;
        caller.RequireSelfOrStaff(whose, "read another investor's statement");
        var pool = await FindVisible(cluster, poolId, caller);
        var position = await cluster.GetGrain<IPoolGrain>(poolId).GetPosition(whose);
        var flows = await cluster.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(poolId, whose)).GetFlows();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(PoolStatementResponse.From(PoolStatementRules.Build(pool, position, flows, today)));
    }

    public static async Task<Ok<PoolScenarioResponse>> Scenario(Guid poolId, [Percent(10)] decimal? collectionsFactor, HttpContext http, IClusterClient cluster)
    {
        await FindVisible(cluster, poolId, Caller.From(http.User));
        var factor = collectionsFactor ?? 1m;
        var periods = await cluster.GetGrain<IPoolGrain>(poolId).Scenario(factor);
        return TypedResults.Ok(new PoolScenarioResponse(factor, [.. periods.Select(PoolPeriodResponse.From)]));
    }

    public static async Task<Ok<UnitTradeResponse>> OfferUnits(Guid poolId, OfferUnitsRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, poolId, command.Caller);
        var trade = await cluster.GetGrain<IPoolGrain>(poolId).OfferUnits(command.DeriveId("pool-trade"), request.TrancheId, request.Units,
            Money.PositiveFromYuan(request.Price, "price"), request.BuyerId, request.ExpiresOn, command.Caller.Actor);
        return TypedResults.Ok(UnitTradeResponse.From(poolId, trade));
    }

    public static async Task<Ok<UnitTradesResponse>> Trades(Guid poolId, HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        await FindVisible(cluster, poolId, caller);
        var trades = await cluster.GetGrain<IPoolGrain>(poolId).GetTrades();
        // Open offers to anyone are the market's; a trade naming a buyer, and every finished one, are its parties' (and the staff's).
        var visible = trades.Where(t => caller.IsStaff || t.SellerId == caller.ParticipantId || t.AcceptedBy == caller.ParticipantId || t.BuyerId == caller.ParticipantId
            || (UnitTradeLifecycle.IsOffered(t.Status) && t.BuyerId is null));
        return TypedResults.Ok(new UnitTradesResponse([.. visible.OrderByDescending(t => t.IsOpen).ThenByDescending(t => t.OfferedOn).Select(t => UnitTradeResponse.From(poolId, t))]));
    }

    public static async Task<Ok<UnitTradeResponse>> AcceptTrade(Guid poolId, Guid tradeId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, poolId, command.Caller);
        return TypedResults.Ok(UnitTradeResponse.From(poolId, await cluster.GetGrain<IPoolGrain>(poolId).AcceptTrade(tradeId, command.Caller.Actor)));
    }

    public static async Task<Ok<UnitTradeResponse>> WithdrawTrade(Guid poolId, Guid tradeId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await FindVisible(cluster, poolId, command.Caller);
        return TypedResults.Ok(UnitTradeResponse.From(poolId, await cluster.GetGrain<IPoolGrain>(poolId).WithdrawTrade(tradeId, command.Caller.Actor)));
    }

    /// <summary>
    /// A pool is offered to investors only (国发〔2011〕38号 forbids offering such units to the public): once offered, its
    /// originator, the staff and participants registered as investors see it; while it is structured, its originator
    /// and the staff (403 for anyone else, 404 when it does not exist).
    /// </summary>
    internal static async Task<PoolSnapshot> FindVisible(IClusterClient cluster, Guid poolId, Caller caller)
    {
        var pool = await cluster.GetGrain<IPoolGrain>(poolId).TryGet()
            ?? throw new DomainException(DomainErrors.PoolNotFound, $"Pool {poolId} does not exist.");
        var offered = PoolLifecycle.WasOffered(pool.Status, pool.Subscribers);
        if (caller.IsStaff || pool.OriginatorId == caller.ParticipantId || (offered && IsInvestor(caller)))
        {
            return pool;
        }
        throw new DomainException(DomainErrors.Forbidden, offered
            ? $"Pool {poolId} is offered to investors only; participant {caller.ParticipantId} is not registered as one."
            : $"Pool {poolId} is being structured; only its originator and the staff see it.");
    }

    private static bool IsInvestor(Caller caller) => (caller.Roles & ParticipantRoles.Investor) != 0;

    /// <summary>The grain knows the originator and refuses anyone else (403).</summary>
    private static async Task<Ok<PoolResponse>> Act(Guid poolId, HttpContext http, IClusterClient cluster, Func<IPoolGrain, Actor, Task<PoolSnapshot>> command)
    {
        var context = CommandContext.From(http);
        await FindVisible(cluster, poolId, context.Caller);
        return TypedResults.Ok(PoolResponse.From(await command(cluster.GetGrain<IPoolGrain>(poolId), context.Caller.Actor)));
    }
}
