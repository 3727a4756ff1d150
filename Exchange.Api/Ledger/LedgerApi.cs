using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Ledger;

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization();
        group.MapGet("/trial-balance", TrialBalance).WithName("GetTrialBalance").WithSummary("Totals by account class; zero in sum (operator or regulator).");
        return group;
    }

    public static async Task<Ok<TrialBalanceResponse>> TrialBalance(HttpContext http, IClusterClient cluster)
    {
        var caller = Caller.From(http.User);
        caller.RequireRole(ParticipantRoles.Operator | ParticipantRoles.Regulator, "read the trial balance");
        var t = await cluster.GetGrain<ILedgerQueryGrain>(0).GetTrialBalance();
        static decimal Y(long fen) => new Money(fen).Yuan;
        return TypedResults.Ok(new TrialBalanceResponse(Y(t.TotalFen), Y(t.ParticipantAvailableFen), Y(t.ParticipantReservedFen), Y(t.PlatformEscrowFen), Y(t.ExternalFen), t.PostingCount, t.TotalFen == 0));
    }
}
