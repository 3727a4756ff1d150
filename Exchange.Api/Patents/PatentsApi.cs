using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Patents;

public static class PatentsApi
{
    public static RouteGroupBuilder MapPatentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/patents").WithTags("Patents").RequireAuthorization();
        group.MapPost("/", Register).WithName("RegisterPatent").WithSummary("Record a patent application (one of its owners, or the operator).");
        group.MapGet("/{applicationNumber}", Get).WithName("GetPatent").WithSummary("A patent with its term, fees and legal status (any participant: patents are public).");
        group.MapPost("/{applicationNumber}/grant", Grant).WithName("GrantPatent").WithSummary("Record the grant (operator only).");
        group.MapPost("/{applicationNumber}/annual-fees", PayAnnualFee).WithName("PayAnnualFee").WithSummary("Pay the next annual fee from the caller's account (an owner).");
        group.MapPost("/{applicationNumber}/invalidation", Invalidate).WithName("InvalidatePatent").WithSummary("Record a final invalidation decision (operator only).");
        group.MapPost("/{applicationNumber}/restoration", Restore).WithName("RestorePatent").WithSummary("Restore a lapsed patent within two months of the lapse notice (an owner).");
        return group;
    }

    public static async Task<Created<PatentResponse>> Register(RegisterPatentRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        if ((request.Owners ?? []).Any(o => o is null) || (request.Inventors ?? []).Any(i => i is null) || (request.IpcClasses ?? []).Any(c => c is null))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Owners, inventors and IPC classes are lists without null entries.", "owners");
        }
        var owners = (request.Owners ?? []).Select(o => new PatentOwner(o.ParticipantId, PatentResponse.BasisPoints(o.SharePercent))).ToArray();
        if (owners.All(o => o.ParticipantId != command.Caller.ParticipantId))
        {
            command.Caller.RequireRole(ParticipantRoles.Operator, "record a patent it does not own");
        }
        var number = ApplicationNumber.Parse(request.ApplicationNumber);
        var registration = new RegisterPatent(number.ToString(), request.Title, request.Abstract ?? "", request.IpcClasses ?? [], request.FilingDate, owners,
            (request.Inventors ?? []).Select(i => new Inventor(i.Name, i.IsServiceInvention, i.EmployerParticipantId, i.ParticipantId)).ToArray());
        var patent = await Patent(cluster, number).Register(registration, command.Caller.Actor);
        return TypedResults.Created($"/api/patents/{patent.ApplicationNumber}", PatentResponse.From(patent));
    }

    public static async Task<Ok<PatentResponse>> Get(string applicationNumber, IClusterClient cluster) =>
        TypedResults.Ok(PatentResponse.From(await Find(cluster, applicationNumber)));

    public static async Task<Ok<PatentResponse>> Grant(string applicationNumber, GrantPatentRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record grants");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Grant(request.GrantDate, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Invalidate(string applicationNumber, InvalidationRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record invalidation decisions");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Invalidate(request.DecisionReference, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> PayAnnualFee(string applicationNumber, PayAnnualFeeRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var patent = await FindOwned(cluster, applicationNumber, command.Caller, "pay its annual fees");
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).PayAnnualFee(request.PatentYear, command.Caller.ParticipantId, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Restore(string applicationNumber, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var patent = await FindOwned(cluster, applicationNumber, command.Caller, "restore it");
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Restore(command.Caller.ParticipantId, command.Caller.Actor)));
    }

    private static async Task<PatentSnapshot> FindOwned(IClusterClient cluster, string applicationNumber, Caller caller, string action)
    {
        var patent = await Find(cluster, applicationNumber);
        if (patent.Owners.All(o => o.ParticipantId != caller.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {caller.ParticipantId} does not own patent {patent.ApplicationNumber} and may not {action}.");
        }
        return patent;
    }

    private static async Task<PatentSnapshot> Find(IClusterClient cluster, string applicationNumber) =>
        await Patent(cluster, ApplicationNumber.Parse(applicationNumber)).TryGet()
        ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {applicationNumber} is not registered.");

    private static IPatentGrain Patent(IClusterClient cluster, ApplicationNumber number) => cluster.GetGrain<IPatentGrain>(number.ToString());

    private static IPatentGrain Patent(IClusterClient cluster, PatentSnapshot patent) => cluster.GetGrain<IPatentGrain>(patent.ApplicationNumber);
}
