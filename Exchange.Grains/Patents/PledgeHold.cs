using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Patents;

/// <summary>What the pledgee consented to be done with its collateral (Civil Code Art. 444; 2023 Regulations Art. 86).</summary>
public enum DisposalKind
{
    /// <summary>Assigning the patent to the named buyer: the patent leaves the collateral, its price takes its place.</summary>
    Transfer = 0,

    /// <summary>Licensing the patent to the named licensee.</summary>
    License = 1,

    /// <summary>Declaring an open licence on it.</summary>
    OpenLicense = 2,
}

/// <summary>Where the money of a deal the pledgee consented to goes (Civil Code Art. 444: "shall be used to pay off the debt in advance or be placed in escrow").</summary>
public enum ProceedsRoute
{
    /// <summary>It repays the loan early: principal and the interest accrued on it; anything beyond the debt goes to the owners.</summary>
    EarlyRepayment = 0,

    /// <summary>It stays in the pledge's proceeds account as collateral in the patent's place, until the loan is repaid or enforced.</summary>
    Escrow = 1,
}

/// <summary>
/// The pledgee's recorded consent to one disposal of the pledged patent: to whom (null for an open licence), and where
/// its money goes. A sale's consent also names the patent and the least price the pledgee accepts for it: the price
/// takes the patent's place as collateral, so a sale below it is a sale the pledgee did not consent to.
/// </summary>
/// <param name="ApplicationNumber">The patent a sale may sell; null for a licence (every pledged patent) and for consents recorded before sales named one.</param>
/// <param name="MinimumPrice">The least price of that sale; null for a licence.</param>
[GenerateSerializer, Immutable]
public sealed record PledgeeConsent(
    [property: Id(0)] DisposalKind Kind,
    [property: Id(1)] Guid? Counterparty,
    [property: Id(2)] ProceedsRoute Proceeds = ProceedsRoute.EarlyRepayment,
    [property: Id(3)] string? ApplicationNumber = null,
    [property: Id(4)] Money? MinimumPrice = null)
{
    /// <summary>Whether this consent is for that very deal (of that patent, for a sale), whatever it says of the money and the price.</summary>
    public bool Covers(DisposalKind kind, Guid? counterparty, string? applicationNumber = null) =>
        Kind == kind && Counterparty == counterparty && (ApplicationNumber is null || applicationNumber is null || ApplicationNumber == applicationNumber);

    /// <summary>Whether a sale at <paramref name="price"/> is within this consent.</summary>
    public bool Admits(Money? price) => MinimumPrice is not { } least || price is { } p && p >= least;
}

/// <summary>A licence granted on the pledged patent by the pledgee's consent: its money for this patent goes to the pledge, as the consent says.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsentedLicense([property: Id(0)] Guid LicenseId, [property: Id(1)] PledgeeConsent Consent);

/// <summary>
/// A pledge's hold on the patent: provisional from the application until the pledge confirms it (an unconfirmed hold
/// lapses, so a pledge whose own write failed locks nothing), then until the pledge is released, refused, withdrawn
/// or closed.
/// </summary>
/// <param name="AdmittedLicenses">Licences the patent carried before the pledge, and those the pledgee consented to: only these may be filed.</param>
/// <param name="PledgeeId">The bank holding the pledge: it may pay the patent's annual fees to keep its collateral in force.</param>
/// <param name="ConsentedLicenses">The admitted licences granted by the pledgee's consent: their money for this patent goes to the pledge. At most <see cref="MaxAdmittedLicenses"/>.</param>
[GenerateSerializer, Immutable]
public sealed record PledgeHold(
    [property: Id(0)] Guid PledgeId,
    [property: Id(1)] bool Confirmed,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] IReadOnlyList<PledgeeConsent> Consents,
    [property: Id(4)] IReadOnlyList<Guid> AdmittedLicenses,
    [property: Id(5)] Guid? PledgeeId = null,
    [property: Id(6)] IReadOnlyList<ConsentedLicense>? ConsentedLicenses = null)
{
    /// <summary>The pledgee's consent to this deal, if it gave one.</summary>
    public PledgeeConsent? ConsentTo(DisposalKind kind, Guid? counterparty, string? applicationNumber = null) =>
        Consents.FirstOrDefault(c => c.Covers(kind, counterparty, applicationNumber));

    /// <summary>At most this many consents are kept: each is one deal the pledgee agreed to.</summary>
    public const int MaxConsents = 20;

    /// <summary>At most this many admitted licences are kept; the oldest go first (a licence is filed within three months of taking effect).</summary>
    public const int MaxAdmittedLicenses = 200;
}

/// <summary>
/// What a pledge's hold refuses (domain.md §6): a second pledge; a transfer, a licence or an open-licence declaration
/// without the pledgee's recorded consent for that very deal; the record filing of a licence granted behind the
/// pledgee's back. Each refusal names the pledge, so the parties know whom to ask.
/// </summary>
public static class PledgeHoldRules
{
    public static bool IsHeld(PledgeHold? hold, DateTimeOffset now) =>
        hold is not null && (hold.Confirmed || now - hold.Since < LicenseClaimRules.ProvisionalLifetime);

    /// <summary>
    /// Who may pay the patent's annual fees: its owners, and the bank holding it in pledge, whose collateral would
    /// lapse with an unpaid fee (the pledgee's duty of care over the pledged right, Civil Code Art. 432).
    /// </summary>
    public static bool MayPayFees(PledgeHold? heldPledge, IEnumerable<PatentOwner> owners, Guid payer) =>
        owners.Any(o => o.ParticipantId == payer) || (heldPledge?.PledgeeId is { } pledgee && pledgee == payer);

    public static DomainException? PledgeRefusal(string number, PledgeHold? hold, Guid pledgeId, DateTimeOffset now) =>
        IsHeld(hold, now) && hold!.PledgeId != pledgeId
            ? new DomainException(DomainErrors.PatentAlreadyPledged, $"Patent {number} is already pledged (pledge {hold.PledgeId}); it can secure one loan at a time.")
            : null;

    /// <summary>The id of the patent transfer by which an enforcement sale of the pledge assigns this patent: the only transfer a held patent admits.</summary>
    public static Guid SaleTransferId(Guid pledgeId, string number) => DeterministicId.From("pledge-sale", pledgeId.ToString("N"), number);

    /// <summary>Whether the transfer holding the patent is the enforcement sale of the pledge holding it.</summary>
    public static bool IsEnforcementSale(PledgeHold? hold, string number, Guid transferId) => hold is not null && transferId == SaleTransferId(hold.PledgeId, number);

    /// <summary>A held patent is sold by the pledge's own enforcement sale, or to a buyer the pledgee consented to, at no less than the price it consented to.</summary>
    public static DomainException? TransferRefusal(string number, PledgeHold? hold, Guid transferId, Guid? buyerId, Money? price, DateTimeOffset now)
    {
        if (!IsHeld(hold, now) || transferId == SaleTransferId(hold!.PledgeId, number))
        {
            return null;
        }
        if (buyerId is not null && hold.ConsentTo(DisposalKind.Transfer, buyerId, number) is { } consent)
        {
            return consent.Admits(price) ? null
                : new DomainException(DomainErrors.PatentPledged,
                    $"Patent {number} is pledged (pledge {hold.PledgeId}); its pledgee consented to its sale to this buyer for at least {consent.MinimumPrice}, not {price?.ToString() ?? "an unstated price"} (Civil Code Art. 444).", "price");
        }
        return new DomainException(DomainErrors.PatentPledged,
            $"Patent {number} is pledged (pledge {hold.PledgeId}); it is sold only with the pledgee's recorded consent to that buyer, by the pledge's enforcement, or once the loan is repaid and the pledge released (Civil Code Art. 444).");
    }

    /// <summary>
    /// The consent by which a licence is admitted on the held patent, if a consent admitted it: one to that licensee, or
    /// to an open licence under which it is granted. Null for a licence an open licence declared before the pledge admits
    /// (that promise binds the pledgee; its royalties go to the owners).
    /// </summary>
    public static PledgeeConsent? AdmittingConsent(PledgeHold hold, LicenseClaim claim, Licenses.OpenLicenseDeclaration? openLicense) =>
        hold.ConsentTo(DisposalKind.License, claim.Licensee)
        ?? (claim.Type == Licenses.LicenseType.Ordinary && openLicense is not null && openLicense.DeclaredOn >= DateOnly.FromDateTime(hold.Since.UtcDateTime)
            ? hold.ConsentTo(DisposalKind.OpenLicense, null) : null);

    /// <summary>The consent whose route this licence's money for the patent follows, if the pledgee consented to the licence.</summary>
    public static PledgeeConsent? ProceedsConsent(PledgeHold? hold, Guid licenseId, DateTimeOffset now) =>
        IsHeld(hold, now) ? hold!.ConsentedLicenses?.FirstOrDefault(l => l.LicenseId == licenseId)?.Consent : null;

    /// <summary>
    /// A licence to the licensee the pledgee consented to; or an ordinary licence under an open-licence declaration
    /// the pledgee consented to, or that was declared before the pledge (its promise binds the pledgee).
    /// </summary>
    public static DomainException? LicenseRefusal(string number, PledgeHold? hold, LicenseClaim claim, Licenses.OpenLicenseDeclaration? openLicense, DateTimeOffset now)
    {
        if (!IsHeld(hold, now))
        {
            return null;
        }
        var underOpenLicense = claim.Type == Licenses.LicenseType.Ordinary && openLicense is not null
            && (hold!.ConsentTo(DisposalKind.OpenLicense, null) is not null || openLicense.DeclaredOn < DateOnly.FromDateTime(hold.Since.UtcDateTime));
        return underOpenLicense ? null : Refusal(number, hold, now, new PledgeeConsent(DisposalKind.License, claim.Licensee), "licensed");
    }

    /// <summary>A transfer in progress blocks a pledge: the buyer would take the patent from under it.</summary>
    public static DomainException? HoldRefusal(string number, PledgeHold? hold, Guid pledgeId, Guid? pendingTransfer, DateTimeOffset now) =>
        PledgeRefusal(number, hold, pledgeId, now)
        ?? (pendingTransfer is { } transfer
            ? new DomainException(DomainErrors.PatentTransferPending, $"Patent {number} is being transferred (transfer {transfer}); it cannot be pledged meanwhile.")
            : null);

    public static DomainException? OpenLicenseRefusal(string number, PledgeHold? hold, DateTimeOffset now) =>
        Refusal(number, hold, now, new PledgeeConsent(DisposalKind.OpenLicense, null), "offered under an open licence");

    public static DomainException? FilingRefusal(string number, PledgeHold? hold, Guid licenseId, DateTimeOffset now) =>
        IsHeld(hold, now) && !hold!.AdmittedLicenses.Contains(licenseId)
            ? new DomainException(DomainErrors.PatentPledged, $"Patent {number} is pledged (pledge {hold.PledgeId}) and the pledgee did not consent to licence {licenseId}; it cannot be filed.")
            : null;

    /// <summary>A sale or a licence names its buyer or licensee; an open licence names no one; the money goes to early repayment or escrow.</summary>
    /// <exception cref="DomainException">invalid-input.</exception>
    public static PledgeeConsent ValidateConsent(PledgeeConsent consent)
    {
        if (!Enum.IsDefined(consent.Kind))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A consent is to a transfer, a licence or an open licence.", "kind");
        }
        if (!Enum.IsDefined(consent.Proceeds))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The deal's money goes to early repayment or to escrow.", "proceeds");
        }
        if ((consent.Kind == DisposalKind.OpenLicense) != (consent.Counterparty is null || consent.Counterparty == Guid.Empty))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A consent to a transfer or a licence names the buyer or licensee; one to an open licence names no one.", "counterparty");
        }
        if (consent.Kind != DisposalKind.Transfer)
        {
            return consent.ApplicationNumber is null && consent.MinimumPrice is null
                ? consent with { Counterparty = consent.Kind == DisposalKind.OpenLicense ? null : consent.Counterparty }
                : throw new DomainException(DomainErrors.InvalidInput, "Only a consent to a sale names a patent and a least price; a licence's consent covers every pledged patent.", "minimumPrice");
        }
        // The price takes the sold patent's place as collateral: the pledgee says which patent, and for no less than what.
        if (string.IsNullOrWhiteSpace(consent.ApplicationNumber))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A consent to a sale names the pledged patent it may sell.", "applicationNumber");
        }
        if (consent.MinimumPrice is not { Fen: > 0 })
        {
            throw new DomainException(DomainErrors.InvalidAmount, "A consent to a sale names the least price the pledgee accepts, more than nothing.", "minimumPrice");
        }
        return consent with { ApplicationNumber = ApplicationNumber.Parse(consent.ApplicationNumber).ToString() };
    }

    /// <summary>The hold with one more consent; a repeated consent changes nothing.</summary>
    /// <exception cref="DomainException">The hold keeps <see cref="PledgeHold.MaxConsents"/> consents already.</exception>
    public static PledgeHold WithConsent(PledgeHold hold, PledgeeConsent consent)
    {
        if (hold.ConsentTo(consent.Kind, consent.Counterparty, consent.ApplicationNumber) is not null)
        {
            return hold;
        }
        return hold.Consents.Count >= PledgeHold.MaxConsents
            ? throw new DomainException(DomainErrors.InvalidInput, $"Pledge {hold.PledgeId} has recorded {PledgeHold.MaxConsents} consents already; no more are kept.")
            : hold with { Consents = [.. hold.Consents, consent] };
    }

    private static DomainException? Refusal(string number, PledgeHold? hold, DateTimeOffset now, PledgeeConsent wanted, string what) =>
        IsHeld(hold, now) && hold!.ConsentTo(wanted.Kind, wanted.Counterparty) is null
            ? new DomainException(DomainErrors.PatentPledged,
                $"Patent {number} is pledged (pledge {hold.PledgeId}); it cannot be {what} without the pledgee's recorded consent (Civil Code Art. 444).")
            : null;
}
