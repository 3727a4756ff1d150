using Exchange.Api.Infrastructure;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Ledger;

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization();
        group.MapGet("/trial-balance", TrialBalance).WithName("GetTrialBalance")
            .WithSummary("Totals by account class, maintained with every posting; zero in sum (operator or regulator).");
        group.MapGet("/trial-balance/verification", Verification).WithName("VerifyTrialBalance")
            .WithSummary("The maintained totals beside the same totals recomputed from every posting line, and whether they agree (operator or regulator; reads the whole history).");
        return group;
    }

    public static async Task<Ok<TrialBalanceResponse>> TrialBalance(HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireRole(ParticipantRoles.Operator | ParticipantRoles.Regulator, "read the trial balance");
        return TypedResults.Ok(TrialBalanceResponse.From(await cluster.GetGrain<ILedgerQueryGrain>(0).GetTrialBalance()));
    }

    public static async Task<Ok<TrialBalanceVerificationResponse>> Verification(HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireRole(ParticipantRoles.Operator | ParticipantRoles.Regulator, "verify the trial balance");
        return TypedResults.Ok(TrialBalanceVerificationResponse.From(await cluster.GetGrain<ILedgerQueryGrain>(0).VerifyTrialBalance()));
    }
}
