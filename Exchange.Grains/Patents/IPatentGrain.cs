using Orleans.Concurrency;
using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>
/// A Chinese patent (domain.md §3), keyed by its application number in canonical form (201710601862.3): its
/// bibliographic data, co-owners with shares, inventors, term, annual fees and legal status. Deadlines (a fee
/// falling due, the grace period ending, the term ending) move the status by themselves, driven by a daily
/// reminder; the rest moves by command. What other objects hold on it (listings, licences, a transfer) it learns
/// through <see cref="IPatentEncumbrances"/>.
/// </summary>
[Alias("exchange.patent")]
public interface IPatentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a patent application; repeating the same registration returns it unchanged. Recorded by an owner, it
    /// waits for the patent office's record (<see cref="ConfirmRegistration"/>) and every other owner's confirmation
    /// (<see cref="ConfirmOwnership"/>) before it may be traded; recorded by the operator, it is the office's record.
    /// </summary>
    [Alias("register")]
    Task<PatentSnapshot> Register(RegisterPatent command, Actor actor);

    /// <summary>The operator confirms the registration against the patent office's record (its reference).</summary>
    [Alias("confirm-registration")]
    Task<PatentSnapshot> ConfirmRegistration(string officeRecord, Actor actor);

    /// <summary>An owner named in the registration confirms that it owns the patent as registered.</summary>
    [Alias("confirm-ownership")]
    Task<PatentSnapshot> ConfirmOwnership(Actor owner);

    /// <summary>The operator corrects a wrong registration from the office's record, with a reason; audited.</summary>
    [Alias("correct-registration")]
    Task<PatentSnapshot> CorrectRegistration(RegisterPatent corrected, string reason, Actor actor);

    /// <summary>
    /// The patent as of today. A read interleaves with whatever the grain is doing: it only reads, and a grain that
    /// is waiting on another (carrying out a follow-up) must still answer the reads that other grain makes of it.
    /// </summary>
    [Alias("get")]
    [AlwaysInterleave]
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
    /// What paying the next annual fee would cost today: the full fee, the fee after the reduction when every owner
    /// qualifies, and the surcharge for the months late; null when no fee is owed (not granted, every year paid).
    /// A read, interleaved like <see cref="TryGet"/>.
    /// </summary>
    [Alias("quote-next-fee")]
    [AlwaysInterleave]
    Task<AnnualFeeDue?> QuoteNextFee();

    /// <summary>
    /// Restores a lapsed patent within two months of the lapse notice. The co-owner pays what the lapse left
    /// unpaid: the missed annual fee with the full six-month surcharge, and the restoration request fee.
    /// </summary>
    [Alias("restore")]
    Task<PatentSnapshot> Restore(Guid payerParticipantId, Actor actor);

    /// <summary>Records an owner's mandate to an operating agency; a later mandate from the same owner to the same agency replaces it.</summary>
    [Alias("grant-mandate")]
    Task<PatentSnapshot> GrantMandate(Guid ownerId, Guid agencyId, DateOnly validUntil, Actor actor);

    /// <summary>
    /// Records a final invalidation decision (it may come even after lapse or expiry). The patent's licence claims
    /// are released and each licence is told (a licence with no patent left in force terminates); its listings
    /// close and a pending transfer is cancelled.
    /// </summary>
    [Alias("invalidate")]
    Task<PatentSnapshot> Invalidate(string decisionReference, Actor actor);

    /// <summary>
    /// Records a court's preservation order freezing the patent (a reference), or its lifting (null): while frozen the
    /// patent is neither transferred nor pledged.
    /// </summary>
    [Alias("record-preservation-order")]
    Task<PatentSnapshot> RecordPreservationOrder(string? courtReference, Actor actor);

    /// <summary>Records an invalidation request pending against the patent (a reference), or its withdrawal (null); a final decision also ends it.</summary>
    [Alias("record-invalidation-request")]
    Task<PatentSnapshot> RecordInvalidationRequest(string? requestReference, Actor actor);

    /// <summary>
    /// An owner declares an open licence on published terms (ordinary by nature). Refused while an exclusive or
    /// sole licence is in force (2023 Regulations Art. 86). A repeat with the same terms changes nothing.
    /// </summary>
    [Alias("declare-open-license")]
    Task<PatentSnapshot> DeclareOpenLicense(Licenses.LicenseTerms terms, Actor owner);

    /// <summary>Withdraws the open-licence declaration; licences already obtained under it stay in force.</summary>
    [Alias("withdraw-open-license")]
    Task<PatentSnapshot> WithdrawOpenLicense(Actor owner);

    /// <summary>Applies every deadline that has passed by the business clock's today.</summary>
    [Alias("check-deadlines")]
    Task<PatentSnapshot> CheckDeadlines();
}
