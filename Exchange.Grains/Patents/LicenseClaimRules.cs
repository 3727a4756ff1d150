using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Patents;

/// <summary>
/// Which licences a patent admits next to the ones it already carries (domain.md §5): no overlap with an exclusive
/// or sole licence, no exclusive or sole licence over an open-licence declaration or while the patent is being
/// transferred, and no transfer while an exclusive or sole licence is still being agreed.
/// </summary>
public static class LicenseClaimRules
{
    /// <summary>How long a claim made by a submission waits for the licence's confirmation before it lapses.</summary>
    public static readonly TimeSpan ProvisionalLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The claims still held at <paramref name="now"/>: unconfirmed ones lapse after <see cref="ProvisionalLifetime"/>.</summary>
    public static bool IsHeld(ClaimedLicense claim, DateTimeOffset now) =>
        claim.Stage != ClaimStage.Provisional || now - claim.Since < ProvisionalLifetime;

    /// <summary>Why the claim is refused, or null.</summary>
    public static DomainException? Refusal(string number, LicenseClaim claim, IEnumerable<ClaimedLicense> held, Guid? pendingTransfer, bool openLicenseDeclared)
    {
        var exclusiveOrSole = claim.Type != LicenseType.Ordinary;
        if (exclusiveOrSole && pendingTransfer is { } transfer)
        {
            return new DomainException(DomainErrors.PatentTransferPending,
                $"Patent {number} is being transferred (transfer {transfer}); an exclusive or sole licence now would burden what the buyer is paying for.");
        }
        if (exclusiveOrSole && openLicenseDeclared)
        {
            return new DomainException(DomainErrors.LicenseConflict, $"Patent {number} is offered under an open licence; an exclusive or sole licence would take what it promises everyone.");
        }
        return held.FirstOrDefault(c => c.LicenseId != claim.LicenseId && ScopeRules.Conflicts(c.Type, c.Scope, claim.Type, claim.Scope)) is { } conflicting
            ? new DomainException(DomainErrors.LicenseConflict, $"The {claim.Type} licence's scope overlaps the {conflicting.Type} licence {conflicting.LicenseId} on patent {number}.")
            : null;
    }

    /// <summary>An exclusive or sole licence still being agreed (or submitted) blocks a transfer: the buyer would buy into an unknown burden.</summary>
    public static DomainException? TransferRefusal(string number, IEnumerable<ClaimedLicense> held) =>
        held.FirstOrDefault(c => c.Type != LicenseType.Ordinary && c.Stage != ClaimStage.InEffect) is { } pending
            ? new DomainException(DomainErrors.LicenseConsentsPending,
                $"Patent {number} carries the {pending.Type} licence {pending.LicenseId}, still awaiting its co-owners' consents; a transfer waits until it takes effect or lapses.")
            : null;

    /// <summary>An open licence promises an ordinary licence to anyone: not while an exclusive or sole licence holds (2023 Regulations Art. 86).</summary>
    public static DomainException? OpenLicenseRefusal(string number, IEnumerable<ClaimedLicense> held) =>
        held.FirstOrDefault(c => c.Type != LicenseType.Ordinary) is { } exclusive
            ? new DomainException(DomainErrors.OpenLicenseRefused, $"Patent {number} has the {exclusive.Type} licence {exclusive.LicenseId} in force.")
            : null;
}
