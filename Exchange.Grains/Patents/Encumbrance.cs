namespace Exchange.Grains.Patents;

/// <summary>What can weigh on a patent (domain.md §3): the top complaint of licensees is not seeing these.</summary>
public enum EncumbranceKind
{
    Listing = 0,
    PendingTransfer = 1,
    Pledge = 2,
    ExclusiveLicense = 3,
    SoleLicense = 4,
    OpenLicense = 5,

    /// <summary>A court's preservation order freezes the patent: no transfer, no pledge.</summary>
    PreservationOrder = 6,

    /// <summary>An invalidation request awaits its decision: a buyer, licensee or pledgee takes that risk knowingly.</summary>
    InvalidationRequest = 7,
}

/// <summary>
/// One encumbrance, with the object that holds it. The patent keeps the record; the pledge and licence slices add
/// theirs through the same list as they are built.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Encumbrance([property: Id(0)] EncumbranceKind Kind, [property: Id(1)] string Reference);
