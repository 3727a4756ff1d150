using Exchange.Api.Infrastructure;
using Exchange.Api.Ledger;
using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Audit;

public static class AuditApi
{
    /// <summary>The longest object id the exchange forms (a kind, a colon and an id or application number) with room to spare.</summary>
    public const int AuditObjectIdMaxLength = 200;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization();
        group.MapGet("/{objectId}", Read).WithName("ReadAuditTrail")
            .WithSummary("The audit trail of one object, e.g. participant:{id:N}, transfer:{id:N}, account:participant:{id:N} (operator or regulator; a participant "
                + "reads those of its own record, the patents it owns and the licences and pledges it is party to).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.LicenseNotFound, DomainErrors.PledgeNotFound);
        return group;
    }

    public static async Task<Ok<AuditPage>> Read([Text(AuditObjectIdMaxLength)] string objectId, [Whole(0, long.MaxValue)] long? after, [Whole(1, Pagination.MaxLimit)] int? limit, HttpContext http, IClusterClient cluster)
    {
        var (a, l) = Pagination.Validate(after, limit);
        TextRules.Required(objectId, "objectId", "object id", AuditObjectIdMaxLength);
        await AuditAccess.RequireAsync(Caller.From(http.User), objectId, cluster);
        return TypedResults.Ok(await cluster.GetGrain<IAuditTrailGrain>(0).Read(objectId, a, l));
    }
}
