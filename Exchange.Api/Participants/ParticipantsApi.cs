using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Participants;

public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/participants").WithTags("Participants").RequireAuthorization();
        group.MapPost("/", Register).WithName("RegisterParticipant").WithSummary("Register a participant (operator only).").Refuses(DomainErrors.ParticipantAlreadyRegistered);
        group.MapGet("/{participantId:guid}", Get).WithName("GetParticipant").WithSummary("Look up a participant (itself, operator or regulator).").Refuses(DomainErrors.ParticipantNotFound);
        group.MapPost("/{participantId:guid}/remuneration-policy", SetRemunerationPolicy).WithName("SetRemunerationPolicy")
            .WithSummary("An owner records how it remunerates the inventors of its service inventions (itself only).").Refuses(DomainErrors.ParticipantNotFound);
        group.MapPost("/{participantId:guid}/kyc", DecideKyc).WithName("DecideKyc").WithSummary("Record the operator's KYC decision.").Refuses(DomainErrors.ParticipantNotFound, DomainErrors.InvalidKycChange);
        return group;
    }

    public static async Task<Created<ParticipantResponse>> Register(RegisterParticipantRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "register participants");
        var registration = new RegisterParticipant(request.LegalName, request.Kind, request.CreditCode, RoleNames.Parse(request.Roles), request.IsDomestic, request.IsSmallEntity);
        var participant = await cluster.GetGrain<IParticipantGrain>(command.DeriveId("participant")).Register(registration, command.Caller.Actor);
        return TypedResults.Created($"/api/participants/{participant.ParticipantId}", ParticipantResponse.From(participant));
    }

    public static async Task<Ok<ParticipantResponse>> Get(Guid participantId, HttpContext http, IClusterClient cluster)
    {
        Caller.From(http.User).RequireSelfOrStaff(participantId, "read the record");
        return TypedResults.Ok(ParticipantResponse.From(await Find(cluster, participantId)));
    }

    public static async Task<Ok<ParticipantResponse>> SetRemunerationPolicy(Guid participantId, RemunerationPolicyRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireSelf(participantId, "set the remuneration policy");
        var policy = new Exchange.Grains.Licenses.RemunerationPolicy(request.Basis, AgreedBasisPoints(request));
        return TypedResults.Ok(ParticipantResponse.From(await cluster.GetGrain<IParticipantGrain>(participantId).SetRemunerationPolicy(policy, command.Caller.Actor)));
    }

    public static async Task<Ok<ParticipantResponse>> DecideKyc(Guid participantId, KycDecisionRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "decide KYC");
        var participant = await cluster.GetGrain<IParticipantGrain>(participantId).DecideKyc(request.Decision, request.Reason ?? "", command.Caller.Actor);
        return TypedResults.Ok(ParticipantResponse.From(participant));
    }

    /// <summary>An agreed remuneration states its percentage; the statutory and legacy ones fix theirs, so none is given.</summary>
    private static int AgreedBasisPoints(RemunerationPolicyRequest request)
    {
        var agreed = request.Basis == Exchange.Grains.Licenses.RemunerationBasis.Agreed;
        if (request.AgreedPercent is not { } percent)
        {
            return agreed
                ? throw new DomainException(DomainErrors.InvalidInput, "An agreed remuneration states its percentage: 'agreedPercent' takes a percentage from 0 to 100.", "agreedPercent")
                : 0;
        }
        if (!agreed)
        {
            throw new DomainException(DomainErrors.InvalidInput, "'agreedPercent' goes only with the basis \"agreed\"; \"statutoryFloor\" and \"legacy\" fix the share themselves.", "agreedPercent");
        }
        if (percent is < 0 or > 100 || percent * 100m != decimal.Truncate(percent * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, "An agreed percentage is between 0 and 100 with at most two decimals.", "agreedPercent");
        }
        return (int)(percent * 100m);
    }

    internal static async Task<ParticipantSnapshot> Find(IClusterClient cluster, Guid participantId) =>
        await cluster.GetGrain<IParticipantGrain>(participantId).TryGet()
        ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {participantId} is not registered.");
}
