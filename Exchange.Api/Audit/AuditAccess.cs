using Exchange.Api.Infrastructure;
using Exchange.Api.Licenses;
using Exchange.Api.Patents;
using Exchange.Grains.Common;

namespace Exchange.Api.Audit;

/// <summary>
/// Whose audit trail a caller may read: the operator and the regulator any object's; a participant the trails of the
/// objects it may see as its own — its participant record, a patent it owns now, a licence or a pledge it is party to — refused as
/// reading the object itself would be (404 for one that does not exist, 403 for another's). Every other kind of object
/// (transfers, accounts, listings, patent transfers) stays the staff's.
/// </summary>
internal static class AuditAccess
{
    public static async Task RequireAsync(Caller caller, string objectId, IClusterClient cluster)
    {
        if (caller.IsStaff)
        {
            return;
        }
        var separator = objectId.IndexOf(':');
        var (kind, key) = separator < 0 ? (objectId, "") : (objectId[..separator], objectId[(separator + 1)..]);
        const string Action = "read the audit trail";
        switch (kind)
        {
            case "participant" when Guid.TryParseExact(key, "N", out var participantId):
                caller.RequireSelfOrStaff(participantId, Action);
                return;
            case "patent":
                await PatentsApi.FindOwned(cluster, key, caller, "read its audit trail");
                return;
            case "license" when Guid.TryParseExact(key, "N", out var licenseId):
                await LicensesApi.FindVisible(cluster, licenseId, caller);
                return;
            case "pledge" when Guid.TryParseExact(key, "N", out var pledgeId):
                await Pledges.PledgesApi.FindVisible(cluster, pledgeId, caller);
                return;
            default:
                throw new DomainException(DomainErrors.Forbidden,
                    $"Participant {caller.ParticipantId} may not {Action} of {objectId}: a participant reads those of its own record, the patents it owns and the licences and pledges it is party to.");
        }
    }
}
