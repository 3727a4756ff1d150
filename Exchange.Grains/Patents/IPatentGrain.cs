using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>
/// A Chinese patent (domain.md §3), keyed by its application number in canonical form (201710601862.3): its
/// bibliographic data, co-owners with shares, inventors, term, annual fees and legal status. Deadlines (a fee
/// falling due, the grace period ending, the term ending) move the status by themselves, driven by a daily
/// reminder; the rest moves by command.
/// </summary>
[Alias("exchange.patent")]
public interface IPatentGrain : IGrainWithStringKey
{
    /// <summary>Records a patent application; repeating the same registration returns it unchanged.</summary>
    [Alias("register")]
    Task<PatentSnapshot> Register(RegisterPatent command, Actor actor);

    [Alias("get")]
    Task<PatentSnapshot?> TryGet();

    /// <summary>Records the grant; the patent is in force from the grant date and its annual fees start.</summary>
    [Alias("grant")]
    Task<PatentSnapshot> Grant(DateOnly grantDate, Actor actor);

    /// <summary>
    /// Pays the next annual fee from a co-owner's account, at the reduced rate when every owner qualifies and
    /// with the late surcharge in the grace period. Paying a year already paid changes nothing.
    /// </summary>
    [Alias("pay-annual-fee")]
    Task<PatentSnapshot> PayAnnualFee(int patentYear, Guid payerParticipantId, Actor actor);

    /// <summary>
    /// Restores a lapsed patent within two months of the lapse notice. The co-owner pays what the lapse left
    /// unpaid: the missed annual fee with the full six-month surcharge, and the restoration request fee.
    /// </summary>
    [Alias("restore")]
    Task<PatentSnapshot> Restore(Guid payerParticipantId, Actor actor);

    /// <summary>Records an owner's mandate to an operating agency; a later mandate from the same owner to the same agency replaces it.</summary>
    [Alias("grant-mandate")]
    Task<PatentSnapshot> GrantMandate(Guid ownerId, Guid agencyId, DateOnly validUntil, Actor actor);

    /// <summary>Records that a listing of this patent opened or closed, so the encumbrance is visible on the patent.</summary>
    [Alias("listing-changed")]
    Task ListingChanged(Guid listingId, bool open);

    /// <summary>Claims the patent for one transfer at a time; a second concurrent transfer is refused.</summary>
    [Alias("begin-transfer")]
    Task<PatentSnapshot> BeginTransfer(Guid transferId);

    /// <summary>Lets go of a transfer that was cancelled.</summary>
    [Alias("abandon-transfer")]
    Task AbandonTransfer(Guid transferId);

    /// <summary>
    /// Records the assignment: the buyer becomes sole owner, the old owners' mandates end and the patent's other
    /// open listings close. Existing licences survive (they bind the patent, not the owner).
    /// </summary>
    [Alias("complete-transfer")]
    Task<PatentSnapshot> CompleteTransfer(Guid transferId, Guid buyerId);

    /// <summary>
    /// Claims a licence's scope on this patent. Refused, naming the licence it conflicts with, when the scope
    /// overlaps a claimed licence and either is exclusive or sole; refused on a patent not in force. The patent
    /// grain takes one claim at a time, so of two overlapping exclusive licences requested at once exactly one wins.
    /// </summary>
    [Alias("claim-license")]
    Task ClaimLicense(Licenses.LicenseClaim claim);

    /// <summary>
    /// An owner declares an open licence on published terms (ordinary by nature). Refused while an exclusive or
    /// sole licence is in force (2023 Regulations Art. 86). A repeat with the same terms changes nothing.
    /// </summary>
    [Alias("declare-open-license")]
    Task<PatentSnapshot> DeclareOpenLicense(Licenses.LicenseTerms terms, Actor owner);

    /// <summary>Withdraws the open-licence declaration; licences already obtained under it stay in force.</summary>
    [Alias("withdraw-open-license")]
    Task<PatentSnapshot> WithdrawOpenLicense(Actor owner);

    /// <summary>Frees a terminated or expired licence's scope.</summary>
    [Alias("release-license")]
    Task ReleaseLicense(Guid licenseId);

    /// <summary>Records a final invalidation decision (it may come even after lapse or expiry).</summary>
    [Alias("invalidate")]
    Task<PatentSnapshot> Invalidate(string decisionReference, Actor actor);

    /// <summary>Applies every deadline that has passed by the business clock's today.</summary>
    [Alias("check-deadlines")]
    Task<PatentSnapshot> CheckDeadlines();
}
