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
        group.MapPost("/", Register).WithName("RegisterPatent").WithSummary("Record a patent application (one of its owners, or the operator).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentAlreadyRegistered, DomainErrors.PatentTransferPending, DomainErrors.ParticipantNotFound);
        group.MapGet("/{applicationNumber}", Get).WithName("GetPatent").WithSummary("A patent with its term, fees and legal status (any participant: patents are public).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound);
        group.MapGet("/{applicationNumber}/annual-fees/next", NextAnnualFee).WithName("GetNextAnnualFee")
            .WithSummary("What paying the next annual fee costs today: the full fee, the fee reduction, the late surcharge (any participant: patents are public).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.AnnualFeeNotDue);
        group.MapPost("/{applicationNumber}/grant", Grant).WithName("GrantPatent").WithSummary("Record the grant (operator only).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.InvalidPatentTransition);
        group.MapPost("/{applicationNumber}/annual-fees", PayAnnualFee).WithName("PayAnnualFee").WithSummary("Pay the next annual fee from the caller's account (an owner, or the bank holding the patent in pledge, to keep its collateral in force).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.AnnualFeeNotDue, DomainErrors.InvalidPatentTransition, DomainErrors.PatentNotInForce, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
        group.MapPost("/{applicationNumber}/invalidation", Invalidate).WithName("InvalidatePatent").WithSummary("Record a final invalidation decision (operator only).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.InvalidPatentTransition);
        group.MapPost("/{applicationNumber}/preservation-order", RecordPreservationOrder).WithName("RecordPreservationOrder")
            .WithSummary("Record a court's preservation order freezing the patent, or its lifting (operator only): while frozen it is neither transferred nor pledged.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound);
        group.MapPost("/{applicationNumber}/invalidation-request", RecordInvalidationRequest).WithName("RecordInvalidationRequest")
            .WithSummary("Record an invalidation request pending against the patent, or its withdrawal (operator only); shown among its encumbrances.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound);
        group.MapPost("/{applicationNumber}/restoration", Restore).WithName("RestorePatent").WithSummary("Restore a lapsed patent within two months of the lapse notice (an owner).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.InvalidPatentTransition, DomainErrors.InsufficientFunds, DomainErrors.KycNotVerified);
        group.MapPost("/{applicationNumber}/registration-confirmation", ConfirmRegistration).WithName("ConfirmPatentRegistration")
            .WithSummary("Confirm an owner's registration against the patent office's record (operator only); with every owner's confirmation the patent may be traded.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.InvalidPatentTransition);
        group.MapPost("/{applicationNumber}/ownership-confirmation", ConfirmOwnership).WithName("ConfirmPatentOwnership")
            .WithSummary("An owner named in the registration confirms that it owns the patent as registered.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.InvalidPatentTransition);
        group.MapPost("/{applicationNumber}/correction", Correct).WithName("CorrectPatentRegistration")
            .WithSummary("Correct a wrong registration from the patent office's record, with a reason (operator only); audited.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.PatentTransferPending, DomainErrors.ParticipantNotFound, DomainErrors.InvalidPatentTransition);
        routes.MapGet("/api/application-numbers/check", CheckApplicationNumber).WithTags("Patents").RequireAuthorization().WithName("CheckApplicationNumber")
            .WithSummary("Whether a text is an application number, and the number its digits give when only the check character is wrong or missing.");
        return group;
    }

    public static Ok<ApplicationNumberCheckResponse> CheckApplicationNumber([Text(ApplicationNumberCheckResponse.MaxLength, Printable = false)] string number)
    {
        if (number.Length > ApplicationNumberCheckResponse.MaxLength)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"An application number to check has at most {ApplicationNumberCheckResponse.MaxLength} characters.", "number");
        }
        return TypedResults.Ok(ApplicationNumberCheckResponse.Of(number));
    }

    public static async Task<Ok<AnnualFeeDueResponse>> NextAnnualFee([ApplicationNumberText] string applicationNumber, IClusterClient cluster)
    {
        var patent = await Find(cluster, applicationNumber);
        var fee = await Patent(cluster, patent).QuoteNextFee()
            ?? throw new DomainException(DomainErrors.AnnualFeeNotDue, $"Patent {patent.ApplicationNumber} is {PatentLifecycle.Describe(patent.LegalStatus)}; it owes no annual fee now.");
        return TypedResults.Ok(AnnualFeeDueResponse.From(fee));
    }

    public static async Task<Created<PatentResponse>> Register(RegisterPatentRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var registration = request.ToDomain();
        if (registration.Owners.All(o => o.ParticipantId != command.Caller.ParticipantId))
        {
            command.Caller.RequireRole(ParticipantRoles.Operator, "record a patent it does not own");
        }
        var patent = await cluster.GetGrain<IPatentGrain>(registration.ApplicationNumber).Register(registration, command.Caller.Actor);
        return TypedResults.Created($"/api/patents/{patent.ApplicationNumber}", PatentResponse.From(patent));
    }

    public static async Task<Ok<PatentResponse>> ConfirmRegistration([ApplicationNumberText] string applicationNumber, ConfirmRegistrationRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "confirm registrations against the patent office's record");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).ConfirmRegistration(request.OfficeRecord, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> ConfirmOwnership([ApplicationNumberText] string applicationNumber, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var patent = await FindOwned(cluster, applicationNumber, command.Caller, "confirm its ownership");
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).ConfirmOwnership(command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Correct([ApplicationNumberText] string applicationNumber, CorrectRegistrationRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "correct registrations");
        var patent = await Find(cluster, applicationNumber);
        var corrected = (request.Registration ?? throw new DomainException(DomainErrors.InvalidInput, "The corrected registration is required.", "registration")).ToDomain();
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).CorrectRegistration(corrected, request.Reason, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Get([ApplicationNumberText] string applicationNumber, IClusterClient cluster) =>
        TypedResults.Ok(PatentResponse.From(await Find(cluster, applicationNumber)));

    public static async Task<Ok<PatentResponse>> Grant([ApplicationNumberText] string applicationNumber, GrantPatentRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record grants");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Grant(request.GrantDate, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Invalidate([ApplicationNumberText] string applicationNumber, InvalidationRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record invalidation decisions");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Invalidate(request.DecisionReference, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> RecordPreservationOrder([ApplicationNumberText] string applicationNumber, PreservationOrderRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record preservation orders");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).RecordPreservationOrder(request.Lifted ? null : request.CourtReference, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> RecordInvalidationRequest([ApplicationNumberText] string applicationNumber, InvalidationRequestNotice request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(ParticipantRoles.Operator, "record invalidation requests");
        var patent = await Find(cluster, applicationNumber);
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).RecordInvalidationRequest(request.Withdrawn ? null : request.RequestReference, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> PayAnnualFee([ApplicationNumberText] string applicationNumber, PayAnnualFeeRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var patent = await Find(cluster, applicationNumber);
        if (!PledgeHoldRules.MayPayFees(patent.Pledge, patent.Owners, command.Caller.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {command.Caller.ParticipantId} neither owns patent {patent.ApplicationNumber} nor holds it in pledge, and may not pay its annual fees.");
        }
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).PayAnnualFee(request.PatentYear, command.Caller.ParticipantId, command.Caller.Actor)));
    }

    public static async Task<Ok<PatentResponse>> Restore([ApplicationNumberText] string applicationNumber, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var patent = await FindOwned(cluster, applicationNumber, command.Caller, "restore it");
        return TypedResults.Ok(PatentResponse.From(await Patent(cluster, patent).Restore(command.Caller.ParticipantId, command.Caller.Actor)));
    }

    internal static async Task<PatentSnapshot> FindOwned(IClusterClient cluster, string applicationNumber, Caller caller, string action)
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
