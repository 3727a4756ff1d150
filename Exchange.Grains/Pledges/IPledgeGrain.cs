using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>
/// A pledge of patents and/or royalty receivables securing a bank loan (domain.md §6), keyed by its id. The API checks
/// the operator's role for review decisions; the grain checks who is a party (pledgee, pledgor) for everything else.
/// </summary>
[Alias("exchange.pledge")]
public interface IPledgeGrain : IGrainWithGuidKey
{
    [Alias("try-get")]
    Task<PledgeSnapshot?> TryGet();

    /// <summary>
    /// Applies for the pledge (the pledgee or a pledgor; the applicant signs it). Holds each pledged patent at once, so
    /// it is neither pledged twice nor sold or licensed meanwhile. A repeat with the same application answers as before.
    /// </summary>
    [Alias("apply")]
    Task<PledgeSnapshot> Apply(PledgeApplication application, Actor applicant);

    /// <summary>The other party, or a co-owner, signs the application.</summary>
    [Alias("sign")]
    Task<PledgeSnapshot> Sign(Actor party);

    /// <summary>The operator, acting for the patent office, takes the application up.</summary>
    [Alias("start-review")]
    Task<PledgeSnapshot> StartReview(Actor operatorActor);

    /// <summary>The operator registers the pledge: refused, with the first reason's type, unless every rule of the review holds.</summary>
    [Alias("register")]
    Task<PledgeSnapshot> Register(Actor operatorActor);

    /// <summary>The operator refuses the registration; the review's own reasons are recorded with the note.</summary>
    [Alias("refuse")]
    Task<PledgeSnapshot> Refuse(string note, Actor operatorActor);

    /// <summary>A party withdraws the application before it is decided; the collateral is free again.</summary>
    [Alias("withdraw")]
    Task<PledgeSnapshot> Withdraw(Actor party);

    /// <summary>A pledgor repays through the ledger, to the pledgee; the last of the loan releases the pledge, paying the arrears cures a default.</summary>
    /// <param name="paymentId">Derived from the command's Idempotency-Key: a copy of the command pays nothing twice.</param>
    [Alias("repay")]
    Task<PledgeSnapshot> Repay(Guid paymentId, Money amount, Actor pledgor);

    /// <summary>A pledgor repays principal early: the remaining instalments are recomputed on the smaller balance.</summary>
    [Alias("repay-early")]
    Task<PledgeSnapshot> RepayEarly(Guid paymentId, Money amount, Actor pledgor);

    /// <summary>The pledgee declares the default: refused unless instalments are overdue past the grace days.</summary>
    [Alias("declare-default")]
    Task<PledgeSnapshot> DeclareDefault(Actor pledgee);

    /// <summary>The daily check (its reminder; the benchmark's sweep): defaults an overdue loan, flags a review past its deadline.</summary>
    [Alias("check-standing")]
    Task<PledgeSnapshot?> CheckStanding();

    /// <summary>The pledgee consents to one deal in the collateral (a sale to a buyer, a licence to a licensee, an open licence).</summary>
    [Alias("consent-to-disposal")]
    Task<PledgeSnapshot> ConsentToDisposal(Patents.PledgeeConsent consent, Actor pledgee);

    /// <summary>The pledgee enforces the defaulted pledge: it proposes a direct sale of the pledged patents to a buyer it names.</summary>
    [Alias("enforce")]
    Task<PledgeSnapshot> Enforce(Guid buyerId, Money price, Actor pledgee);

    /// <summary>
    /// Whether the pledgee may offer the collateral on the market to find the buyer of its enforcement (a listing of
    /// exactly the patents the pledge still holds, of a loan in default, with no approved sale). Changes nothing.
    /// </summary>
    /// <exception cref="DomainException">forbidden, invalid-transition or invalid-input.</exception>
    [Alias("ensure-may-list-for-enforcement")]
    Task EnsureMayListForEnforcement(IReadOnlyList<string> applicationNumbers, Actor pledgee);

    /// <summary>
    /// An offer accepted on the pledge's enforcement listing proposes the enforcement sale, as a buyer named directly
    /// would, unless a sale is proposed already (it never replaces one); a repeat of the acceptance proposes nothing new.
    /// </summary>
    [Alias("accept-market-offer")]
    Task<PledgeSnapshot> AcceptMarketOffer(Guid listingId, Guid offerId, IReadOnlyList<string> applicationNumbers, Guid buyerId, Money price, Actor pledgee);

    /// <summary>The operator approves the sale: the patents are claimed for it, and the buyer has 30 days to pay.</summary>
    [Alias("approve-sale")]
    Task<PledgeSnapshot> ApproveSale(Actor operatorActor);

    /// <summary>The buyer pays the price through the ledger: the pledgee is paid what it is owed, the surplus goes to the pledgors, the patents pass to the buyer and the pledge closes.</summary>
    [Alias("pay-for-sale")]
    Task<PledgeSnapshot> PayForSale(Actor buyer);

    /// <summary>A pledged licence paid a royalty swept to the pledgee: it counts as repayment. Idempotent under the posting id.</summary>
    [Alias("royalty-swept")]
    Task RoyaltySwept(string postingId, Money amount);

    /// <summary>
    /// A consented deal's money reached the pledge's proceeds account: it repays the loan early or stays in escrow, as
    /// the pledgee chose when it consented; after the pledge ended it goes back to the owners. Idempotent under the posting id.
    /// </summary>
    /// <summary>A pledged patent was declared invalid (Patent Law Art. 47): recorded for the parties; an enforcement sale not yet paid for is dropped, its claims let go.</summary>
    [Alias("patent-invalidated")]
    Task PatentInvalidated(string applicationNumber);

    [Alias("receive-proceeds")]
    Task ReceiveProceeds(PledgeProceeds proceeds);

    /// <summary>The pledgee, the loan in default, takes what the escrowed proceeds cover of what is still owed.</summary>
    /// <param name="drawId">Derived from the command's Idempotency-Key: a copy of the command draws nothing twice.</param>
    [Alias("draw-on-escrow")]
    Task<PledgeSnapshot> DrawOnEscrow(Guid drawId, Actor pledgee);

    /// <summary>The pledgee records a repayment it received outside the exchange (no ledger movement), with its own payment reference.</summary>
    [Alias("record-repayment-received")]
    Task<PledgeSnapshot> RecordRepaymentReceived(Guid paymentId, Money amount, string reference, Actor pledgee);
}
