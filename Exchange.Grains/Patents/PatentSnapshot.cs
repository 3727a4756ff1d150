using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

[GenerateSerializer, Immutable]
public sealed record NextAnnualFee([property: Id(0)] int PatentYear, [property: Id(1)] DateOnly DueDate, [property: Id(2)] DateOnly GraceEnds, [property: Id(3)] Money FullFee);

[GenerateSerializer, Immutable]
public sealed record PatentSnapshot(
    [property: Id(0)] string ApplicationNumber,
    [property: Id(1)] PatentKind Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string Abstract,
    [property: Id(4)] IReadOnlyList<string> IpcClasses,
    [property: Id(5)] DateOnly FilingDate,
    [property: Id(6)] DateOnly? GrantDate,
    [property: Id(7)] DateOnly LastDayOfTerm,
    [property: Id(8)] IReadOnlyList<PatentOwner> Owners,
    [property: Id(9)] IReadOnlyList<Inventor> Inventors,
    [property: Id(10)] LegalStatus LegalStatus,
    [property: Id(11)] IReadOnlyList<int> PaidFeeYears,
    [property: Id(12)] NextAnnualFee? NextFee,
    [property: Id(13)] DateOnly? LapsedFrom,
    [property: Id(14)] DateOnly? LapseNoticeDate,
    [property: Id(15)] IReadOnlyList<Mandate> Mandates,
    [property: Id(16)] IReadOnlyList<Guid> OpenListings,
    [property: Id(17)] Guid? PendingTransfer,
    [property: Id(18)] string? InvalidationDecision,
    [property: Id(19)] IReadOnlyList<ClaimedLicense> Licenses,
    [property: Id(20)] Licenses.OpenLicenseDeclaration? OpenLicense,
    [property: Id(21)] DateOnly? InvalidatedOn,
    [property: Id(22)] string? OfficeRecord = null,
    [property: Id(23)] IReadOnlyList<Guid>? OwnerConfirmations = null,
    [property: Id(24)] PledgeHold? Pledge = null,
    [property: Id(25)] string? PreservationOrder = null,
    [property: Id(26)] string? InvalidationRequest = null)
{
    /// <summary>Everything that weighs on the patent now, in one list.</summary>
    public IReadOnlyList<Encumbrance> Encumbrances =>
    [
        .. OpenListings.Select(l => new Encumbrance(EncumbranceKind.Listing, $"listing:{l:N}")),
        .. PendingTransfer is { } t ? new[] { new Encumbrance(EncumbranceKind.PendingTransfer, $"patent-transfer:{t:N}") } : [],
        .. Licenses.Where(l => l.Type != Exchange.Grains.Licenses.LicenseType.Ordinary).Select(l => new Encumbrance(
            l.Type == Exchange.Grains.Licenses.LicenseType.Exclusive ? EncumbranceKind.ExclusiveLicense : EncumbranceKind.SoleLicense, $"license:{l.LicenseId:N}")),
        .. OpenLicense is not null ? new[] { new Encumbrance(EncumbranceKind.OpenLicense, "open-license") } : [],
        .. Pledge is { } p ? new[] { new Encumbrance(EncumbranceKind.Pledge, $"pledge:{p.PledgeId:N}") } : [],
        .. PreservationOrder is { } order ? new[] { new Encumbrance(EncumbranceKind.PreservationOrder, order) } : [],
        .. InvalidationRequest is { } request ? new[] { new Encumbrance(EncumbranceKind.InvalidationRequest, request) } : [],
    ];

    public bool IsInForce => PatentLifecycle.IsInForceStatus(LegalStatus);

    /// <summary>
    /// Confirmed against the patent office's record and by every owner it names: only then may it be listed,
    /// licensed, transferred or pledged (a registration by a participant alone proves nothing).
    /// </summary>
    public bool IsTradable => RegistrationRules.Refusal(ApplicationNumber, OfficeRecord, Owners, OwnerConfirmations, "traded") is null;

    /// <summary>Whether every owner has mandated the agency, valid on the day.</summary>
    public bool IsMandated(Guid agencyId, DateOnly on) =>
        Owners.All(o => Mandates.Any(m => m.OwnerId == o.ParticipantId && m.AgencyId == agencyId && m.ValidUntil >= on));
}
