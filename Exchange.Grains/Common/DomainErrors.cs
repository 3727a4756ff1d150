namespace Exchange.Grains.Common;

/// <summary>Every rule the exchange can refuse on, in one list so the problem types stay stable and unique.</summary>
public static class DomainErrors
{
    public static readonly DomainError InvalidAmount = new("invalid-amount", ErrorKind.Invalid, "The amount is not a valid CNY amount.");
    public static readonly DomainError InvalidInput = new("invalid-input", ErrorKind.Invalid, "The request is not valid.");
    public static readonly DomainError ParticipantNotFound = new("participant-not-found", ErrorKind.NotFound, "No such participant.");
    public static readonly DomainError ParticipantAlreadyRegistered = new("participant-already-registered", ErrorKind.Conflict, "A participant with this credit code is already registered.");
    public static readonly DomainError KycNotVerified = new("kyc-not-verified", ErrorKind.RuleViolated, "The participant's KYC is not verified.");
    public static readonly DomainError InvalidKycChange = new("invalid-kyc-change", ErrorKind.RuleViolated, "This KYC change is not allowed.");
    public static readonly DomainError InsufficientFunds = new("insufficient-funds", ErrorKind.RuleViolated, "The account does not hold enough available funds.");
    public static readonly DomainError SameAccount = new("same-account", ErrorKind.RuleViolated, "Payer and payee are the same account.");
    public static readonly DomainError TransferNotFound = new("transfer-not-found", ErrorKind.NotFound, "No such transfer.");
    public static readonly DomainError InvalidTransition = new("invalid-transition", ErrorKind.Conflict, "The object is not in a state that allows this command.");
    public static readonly DomainError IdempotencyKeyReused = new("idempotency-key-reused", ErrorKind.RuleViolated, "This Idempotency-Key was already used with a different request.");
    public static readonly DomainError IdempotencyKeyMissing = new("idempotency-key-missing", ErrorKind.Invalid, "Every command needs an Idempotency-Key header.");
    public static readonly DomainError RequestInProgress = new("request-in-progress", ErrorKind.Conflict, "A request with this Idempotency-Key is still being processed.");
    public static readonly DomainError ConcurrentUpdate = new("concurrent-update", ErrorKind.Conflict, "The object was changed concurrently; retry the command.");
    public static readonly DomainError InvalidApplicationNumber = new("invalid-application-number", ErrorKind.Invalid, "The patent application number is not valid.");
    public static readonly DomainError InvalidPatentTransition = new("invalid-patent-transition", ErrorKind.Conflict, "The patent's legal status does not allow this.");
    public static readonly DomainError PatentNotFound = new("patent-not-found", ErrorKind.NotFound, "No such patent.");
    public static readonly DomainError PatentAlreadyRegistered = new("patent-already-registered", ErrorKind.Conflict, "This application number is already registered with other details.");
    public static readonly DomainError AnnualFeeNotDue = new("annual-fee-not-due", ErrorKind.RuleViolated, "That annual fee cannot be paid now.");
    public static readonly DomainError ListingNotFound = new("listing-not-found", ErrorKind.NotFound, "No such listing.");
    public static readonly DomainError OfferNotFound = new("offer-not-found", ErrorKind.NotFound, "No such offer.");
    public static readonly DomainError MandateMissing = new("mandate-missing", ErrorKind.RuleViolated, "The agency holds no mandate from every owner of the patent.");
    public static readonly DomainError PatentNotInForce = new("patent-not-in-force", ErrorKind.RuleViolated, "The patent is not in force.");
    public static readonly DomainError OfferMismatch = new("offer-mismatch", ErrorKind.RuleViolated, "The offer does not match what the listing offers.");
    public static readonly DomainError PatentTransferPending = new("patent-transfer-pending", ErrorKind.Conflict, "The patent is already being transferred.");
    public static readonly DomainError PatentTransferNotFound = new("patent-transfer-not-found", ErrorKind.NotFound, "No such patent transfer.");
    public static readonly DomainError ConsentMissing = new("consent-missing", ErrorKind.RuleViolated, "Not every co-owner has consented to the transfer.");
    public static readonly DomainError ExportApprovalMissing = new("export-approval-missing", ErrorKind.RuleViolated, "A transfer to a foreign party needs a technology-export approval reference.");
    public static readonly DomainError LicenseConflict = new("license-conflict", ErrorKind.RuleViolated, "The licence's scope overlaps an exclusive or sole licence on the same patent.");
    public static readonly DomainError LicenseNotFound = new("license-not-found", ErrorKind.NotFound, "No such licence.");
    public static readonly DomainError LicenseBeyondPatentTerm = new("license-beyond-patent-term", ErrorKind.RuleViolated, "A licence cannot run past its patents' expiry.");
    public static readonly DomainError OpenLicenseRefused = new("open-license-refused", ErrorKind.RuleViolated, "An open licence cannot be declared while an exclusive or sole licence is in force.");
    public static readonly DomainError NoOpenLicense = new("no-open-license", ErrorKind.RuleViolated, "The patent has no open-licence declaration.");
    public static readonly DomainError FilingRefused = new("filing-refused", ErrorKind.RuleViolated, "The licence cannot be filed now.");
    public static readonly DomainError LicenseConsentsPending = new("license-consents-pending", ErrorKind.Conflict, "An exclusive or sole licence on the patent still awaits its co-owners' consents.");
    public static readonly DomainError RoyaltyNotDue = new("royalty-not-due", ErrorKind.RuleViolated, "No royalty is due for that period.");
    public static readonly DomainError TooManyOffers = new("too-many-offers", ErrorKind.RuleViolated, "The listing holds as many open offers as it takes.");
    public static readonly DomainError RegistrationUnconfirmed = new("patent-registration-unconfirmed", ErrorKind.RuleViolated, "The patent's registration is not yet confirmed by the patent office's record and every owner.");
    public static readonly DomainError Forbidden = new("forbidden", ErrorKind.Forbidden, "You may not act on this object.");

    // Pledge registration (domain.md §6): each reason the patent office refuses to register a pledge has a type of its own.
    public static readonly DomainError PledgeNotFound = new("pledge-not-found", ErrorKind.NotFound, "No such pledge.");
    public static readonly DomainError PledgeFeeUnpaid = new("pledge-annual-fee-unpaid", ErrorKind.RuleViolated, "An annual fee of a pledged patent is unpaid or in its grace period.");
    public static readonly DomainError PatentAlreadyPledged = new("patent-already-pledged", ErrorKind.RuleViolated, "The patent is already pledged.");
    public static readonly DomainError LoanOutlivesPatent = new("loan-outlives-patent", ErrorKind.RuleViolated, "The loan matures after a pledged patent expires.");
    public static readonly DomainError CoOwnerConsentMissing = new("co-owner-consent-missing", ErrorKind.RuleViolated, "A co-owner of a pledged patent has not consented.");
    public static readonly DomainError LoanAboveValueCap = new("loan-above-value-cap", ErrorKind.RuleViolated, "The loan exceeds the loan-to-value cap of the appraised collateral.");
    public static readonly DomainError PatentUnderPreservation = new("patent-under-preservation-order", ErrorKind.RuleViolated, "A pledged patent is frozen by a court's preservation order.");
    public static readonly DomainError InvalidationRiskUnacknowledged = new("invalidation-risk-unacknowledged", ErrorKind.RuleViolated, "A pledged patent faces an invalidation request whose risk the pledgor has not acknowledged.");
    public static readonly DomainError PatentPledged = new("patent-pledged", ErrorKind.RuleViolated, "The patent is pledged; the pledgee has not consented to this.");
    public static readonly DomainError PledgeeSignatureMissing = new("pledgee-signature-missing", ErrorKind.RuleViolated, "The pledgee has not signed the pledge application.");
    public static readonly DomainError PledgeDocumentMissing = new("pledge-document-missing", ErrorKind.Invalid, "A document the pledge registration measures require is missing.");
    public static readonly DomainError LoanNotInDefault = new("loan-not-in-default", ErrorKind.RuleViolated, "The loan is not overdue past its grace days.");
    public static readonly DomainError EarlyRepaymentRefused = new("early-repayment-refused", ErrorKind.RuleViolated, "The loan cannot be repaid early now.");
    public static readonly DomainError RoyaltiesAlreadyAssigned = new("royalties-already-assigned", ErrorKind.RuleViolated, "A pledged licence's royalties are already assigned to a pool or another pledge.");

    // Securitization pools (domain.md §7): terms the waterfall engine cannot run, and subscriptions the allotment refuses.
    public static readonly DomainError InvalidPoolTerms = new("invalid-pool-terms", ErrorKind.Invalid, "The pool's terms, balances or period are not valid for its waterfall.");
    public static readonly DomainError InvalidSubscription = new("invalid-subscription", ErrorKind.Invalid, "The subscription or offering is not valid.");
    public static readonly DomainError PoolNotFound = new("pool-not-found", ErrorKind.NotFound, "No such pool.");
    public static readonly DomainError InvestorNotQualified = new("investor-not-qualified", ErrorKind.RuleViolated, "Only a KYC-verified participant registered as an investor subscribes to or holds a pool's units.");
    public static readonly DomainError UnitsInHoldingPeriod = new("units-in-holding-period", ErrorKind.RuleViolated, "Units are resold no sooner than the pool's minimum number of trading days after they were bought (at least 5).");
    public static readonly DomainError PoolTradeNotFound = new("pool-trade-not-found", ErrorKind.NotFound, "No such unit trade.");
    public static readonly DomainError PoolOrderNotFound = new("pool-order-not-found", ErrorKind.NotFound, "The pool has no order with this id.");
    public static readonly DomainError OrderBookDisabled = new("order-book-disabled", ErrorKind.RuleViolated, "The continuous order book is switched off: units change hands by negotiated trade only.");
    public static readonly DomainError PoolTradingFull = new("pool-trading-full", ErrorKind.RuleViolated, "The pool holds as many open offers or orders as it takes, in all or from one investor: offer or order again when some have ended.");
    public static readonly DomainError PoolHolderLimitReached = new("pool-holder-limit-reached", ErrorKind.RuleViolated, "The pool has as many holders as it may have (at most 200).");

    // Each reason a licence receivable cannot be assigned to a pool has a type of its own (domain.md §7).
    public static readonly DomainError ReceivableLicenseNotActive = new("receivable-license-not-active", ErrorKind.RuleViolated, "Only an active licence's royalties are assigned to a pool.");
    public static readonly DomainError ReceivablePledged = new("receivable-pledged", ErrorKind.RuleViolated, "The licence's royalty receivable is pledged.");
    public static readonly DomainError ReceivableInAnotherPool = new("receivable-in-another-pool", ErrorKind.RuleViolated, "The licence's royalties are assigned to another pool or a pledgee already.");
    public static readonly DomainError ReceivableTermTooShort = new("receivable-term-too-short", ErrorKind.RuleViolated, "The licence ends before the pool matures.");
    public static readonly DomainError ReceivableNotOriginators = new("receivable-not-originators", ErrorKind.RuleViolated, "The originator is not the only licensor: it cannot sell royalties that are partly another's.");
}
