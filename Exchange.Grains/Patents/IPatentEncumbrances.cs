namespace Exchange.Grains.Patents;

/// <summary>
/// What other objects of the exchange hold on a patent, as they tell it: the calls of listings, licences and
/// transfers, never of the API. Every call is idempotent (it names the object that holds), because the callers make
/// them as follow-ups that may be repeated.
/// </summary>
[Alias("exchange.patent-encumbrances")]
public interface IPatentEncumbrances : IGrainWithStringKey
{
    /// <summary>
    /// Records that a listing of this patent opened or closed, so the encumbrance is visible on the patent. A listing
    /// that opened on owners who no longer own the patent, or on a patent no longer in force, is closed instead.
    /// </summary>
    [Alias("listing-changed")]
    Task ListingChanged(Guid listingId, bool open, IReadOnlyList<Guid>? owners = null);

    /// <summary>
    /// Claims the patent for one transfer at a time, provisionally until the transfer confirms it (an unconfirmed claim
    /// lapses). Refused for a patent not in force, during another transfer, while an exclusive or sole licence on
    /// it awaits its co-owners' consents, and while it is pledged (but for the pledge's own enforcement sale, and a
    /// sale to the buyer the pledgee consented to, at no less than the price it consented to).
    /// </summary>
    [Alias("begin-transfer")]
    Task<PatentSnapshot> BeginTransfer(Guid transferId, Guid? buyerId = null, Common.Money? price = null);

    /// <summary>
    /// The transfer confirms its claim once its proposal is written. A claim that lapsed unconfirmed is made again
    /// if the patent would admit it now; false when it cannot be (another transfer holds it, or it cannot be transferred).
    /// </summary>
    [Alias("confirm-transfer")]
    Task<bool> ConfirmTransfer(Guid transferId, Guid? buyerId = null, Common.Money? price = null);

    /// <summary>Lets go of a transfer that was cancelled.</summary>
    [Alias("abandon-transfer")]
    Task AbandonTransfer(Guid transferId);

    /// <summary>
    /// Records the assignment: the buyer becomes sole owner, the old owners' mandates and open-licence offer end.
    /// Existing licences survive (they bind the patent, not the owner) and now answer to the buyer.
    /// </summary>
    [Alias("complete-transfer")]
    Task<PatentSnapshot> CompleteTransfer(Guid transferId, Guid buyerId);

    /// <summary>
    /// Claims a licence's scope on this patent, provisionally until the licence confirms it. Refused, naming the
    /// licence it conflicts with, when the scope overlaps a held claim and either is exclusive or sole; refused on a
    /// patent not in force. One claim at a time, so of two overlapping exclusive licences requested at once exactly
    /// one wins.
    /// </summary>
    [Alias("claim-license")]
    Task ClaimLicense(Licenses.LicenseClaim claim);

    /// <summary>
    /// The licence confirms its claim: awaiting consents, or in effect. A claim that lapsed unconfirmed (the
    /// submission was interrupted for longer than the provisional lifetime) is made again if nothing conflicts now;
    /// false when it cannot be, because another licence took the scope or the patent is no longer in force.
    /// </summary>
    [Alias("confirm-license-claim")]
    Task<bool> ConfirmLicenseClaim(Licenses.LicenseClaim claim, bool inEffect);

    /// <summary>Frees an ended licence's scope (or a claim its licence never confirmed).</summary>
    [Alias("release-license")]
    Task ReleaseLicense(Guid licenseId);

    /// <summary>
    /// A pledge application holds the patent as collateral, provisionally until the pledge confirms it (an unconfirmed
    /// hold lapses). Refused while another pledge holds it, and for a patent not confirmed by the office and its owners.
    /// </summary>
    [Alias("hold-for-pledge")]
    Task<PatentSnapshot> HoldForPledge(Guid pledgeId, Guid? pledgeeId = null);

    /// <summary>The pledge confirms its hold once its application is written; false if another pledge took the patent meanwhile.</summary>
    [Alias("confirm-pledge-hold")]
    Task<bool> ConfirmPledgeHold(Guid pledgeId, Guid? pledgeeId = null);

    /// <summary>Lets go of a pledge that was released, refused, withdrawn or closed.</summary>
    [Alias("release-pledge-hold")]
    Task ReleasePledgeHold(Guid pledgeId);

    /// <summary>Records the pledgee's consent to one deal in the pledged patent; false if the pledge no longer holds it.</summary>
    [Alias("record-pledgee-consent")]
    Task<bool> RecordPledgeeConsent(Guid pledgeId, PledgeeConsent consent);
}
