using Exchange.Grains.Licenses;

namespace Exchange.Grains.Patents;

/// <summary>How far the licence holding a claim has come.</summary>
public enum ClaimStage
{
    /// <summary>The licence is in effect (or suspended): the claim holds until the licence releases it.</summary>
    InEffect = 0,

    /// <summary>
    /// Claimed by a licence being submitted, not yet confirmed by it. A submission that died half way leaves such a
    /// claim behind; it lapses after <see cref="LicenseClaimRules.ProvisionalLifetime"/> unless confirmed.
    /// </summary>
    Provisional = 1,

    /// <summary>The licence waits for its co-owners' consents (an exclusive or sole licence): no transfer starts meanwhile.</summary>
    AwaitingConsents = 2,
}

/// <summary>A licence's scope claimed on this patent, with the stage of the licence holding it.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimedLicense(
    [property: Id(0)] Guid LicenseId,
    [property: Id(1)] LicenseType Type,
    [property: Id(2)] LicenseScope Scope,
    [property: Id(3)] ClaimStage Stage = ClaimStage.InEffect,
    [property: Id(4)] DateTimeOffset Since = default)
{
    public LicenseClaim Claim => new(LicenseId, Type, Scope);
}
