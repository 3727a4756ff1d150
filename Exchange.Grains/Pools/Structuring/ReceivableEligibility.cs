using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Pools;

/// <summary>
/// Whether a licence's royalty receivable may be sold into a pool (domain.md §7): the licence is active, its royalties
/// neither pledged nor assigned elsewhere, it runs at least until the pool matures, and the originator is its only
/// licensor (the royalties are the originator's to sell). Each refusal has its own type.
/// </summary>
public static class ReceivableEligibility
{
    /// <summary>The first rule the licence breaks, or null when it is eligible for this pool.</summary>
    public static DomainException? Refusal(LicenseSnapshot licence, Guid poolId, Guid originatorId, DateOnly poolMaturesOn)
    {
        ArgumentNullException.ThrowIfNull(licence);
        var id = licence.LicenseId;
        if (licence.Status != LicenseStatus.Active)
        {
            return new(DomainErrors.ReceivableLicenseNotActive, $"Licence {id} is {Words.Spell(licence.Status.ToString())}; only an active licence's royalties are assigned to a pool.", "licenseId");
        }
        if (licence.RoyaltiesPledgedTo is { } pledge)
        {
            return new(DomainErrors.ReceivablePledged, $"Licence {id}'s royalty receivable is pledged (pledge {pledge}); it cannot also be sold into a pool.", "licenseId");
        }
        if (licence.RoyaltiesPooledIn is { } pool && pool != poolId)
        {
            return new(DomainErrors.ReceivableInAnotherPool, $"Licence {id}'s royalty receivable is sold into pool {pool} already.", "licenseId");
        }
        if (licence.RoyaltyAssignment is { } assignment && assignment.AssignedBy != poolId)
        {
            return new(DomainErrors.ReceivableInAnotherPool, $"Licence {id}'s royalties go to {assignment.AccountId} already ({Words.Spell(assignment.Reason.ToString())}).", "licenseId");
        }
        if (licence.Licensors.Count != 1 || licence.Licensors[0] != originatorId)
        {
            return new(DomainErrors.ReceivableNotOriginators, $"Licence {id}'s licensors are {string.Join(", ", licence.Licensors)}; only royalties the originator {originatorId} alone is owed are sold into its pool.", "licenseId");
        }
        if (licence.Scope.End < poolMaturesOn)
        {
            return new(DomainErrors.ReceivableTermTooShort, $"Licence {id} runs until {licence.Scope.End:yyyy-MM-dd}, before the pool matures on {poolMaturesOn:yyyy-MM-dd}.", "licenseId");
        }
        return null;
    }
}
