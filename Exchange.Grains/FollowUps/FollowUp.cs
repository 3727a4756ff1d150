using System.Text.Json.Serialization;

namespace Exchange.Grains.FollowUps;

/// <summary>
/// Something a command owes beyond its own state: an audit entry, a projection row, a call to another grain, an
/// event. Recorded in the owner's <see cref="Outbox"/> in the same write as the change, then carried out after the
/// write, again on every repeat of the command, on activation and by the sweep, until it is done. So every follow-up
/// must be idempotent at its receiver: <see cref="Id"/> is derived from the command, never random.
/// <para>
/// Stored as JSON in grain state: every kind is listed here with a pinned discriminator. Renaming a kind's record
/// is safe; renaming its discriminator or its properties breaks stored rows.
/// </para>
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AppendAudit), "audit")]
[JsonDerivedType(typeof(PublishEvent), "event")]
[JsonDerivedType(typeof(SetWakeup), "wakeup")]
[JsonDerivedType(typeof(ContinueLocally), "continue")]
[JsonDerivedType(typeof(Lists.UpsertDirectoryEntry), "directory")]
[JsonDerivedType(typeof(Listings.UpsertListingIndex), "listing-index")]
[JsonDerivedType(typeof(Listings.ArchiveOffer), "archive-offer")]
[JsonDerivedType(typeof(Listings.TellPatentOfListing), "patent-listing")]
[JsonDerivedType(typeof(Listings.CloseListingForPatent), "close-listing")]
[JsonDerivedType(typeof(Licenses.SetFilingDeadline), "license-filing")]
[JsonDerivedType(typeof(Licenses.ConfirmLicenseClaim), "confirm-claim")]
[JsonDerivedType(typeof(Licenses.ReleaseLicenseClaim), "release-claim")]
[JsonDerivedType(typeof(Licenses.TellListingOfExecution), "listing-execution")]
[JsonDerivedType(typeof(Patents.TellLicenseOfInvalidation), "license-invalidation")]
[JsonDerivedType(typeof(Patents.CancelPatentTransfer), "cancel-transfer")]
[JsonDerivedType(typeof(Participants.TellAccountOfKyc), "account-kyc")]
[JsonDerivedType(typeof(PatentTransfers.CompleteAssignment), "complete-assignment")]
[JsonDerivedType(typeof(PatentTransfers.AbandonPatentTransfer), "abandon-transfer")]
[JsonDerivedType(typeof(PatentTransfers.ConfirmTransferClaim), "confirm-transfer")]
[JsonDerivedType(typeof(PatentTransfers.SettleEscrow), "settle-escrow")]
[JsonDerivedType(typeof(PatentTransfers.SettleEscrowToPledge), "settle-escrow-pledge")]
[JsonDerivedType(typeof(PatentTransfers.ReleaseEscrow), "release-escrow")]
[JsonDerivedType(typeof(Licenses.CreditPledge), "credit-pledge")]
[JsonDerivedType(typeof(Pledges.ConfirmPledgeHold), "confirm-pledge-hold")]
[JsonDerivedType(typeof(Pledges.ReleasePledgeHold), "release-pledge-hold")]
[JsonDerivedType(typeof(Pledges.HoldPledgedRoyalties), "pledge-royalties")]
[JsonDerivedType(typeof(Pledges.SweepRoyalties), "sweep-royalties")]
[JsonDerivedType(typeof(Pledges.RecordPledgeeConsent), "pledgee-consent")]
[JsonDerivedType(typeof(Pledges.ReceivePledgeProceeds), "pledge-proceeds")]
[JsonDerivedType(typeof(Pledges.PayOutPledgeProceeds), "pledge-payout")]
[JsonDerivedType(typeof(Pledges.TellPledgeOfInvalidation), "pledge-invalidation")]
[JsonDerivedType(typeof(Pools.HoldPooledRoyalties), "pool-royalties")]
[JsonDerivedType(typeof(Pools.AssignPooledRoyalties), "pool-assignment")]
[JsonDerivedType(typeof(Pools.PayOutOfPool), "pool-payout")]
[JsonDerivedType(typeof(Pools.PayOutOfOrderEscrow), "pool-order-payout")]
[JsonDerivedType(typeof(Pools.RecordPoolCashFlows), "pool-flows")]
[JsonDerivedType(typeof(Pools.RecordPoolHolderFlows), "pool-holder-flows")]
public abstract record FollowUp
{
    /// <summary>Names this follow-up of this command; the same command always owes the same ids.</summary>
    [JsonIgnore]
    public abstract string Id { get; }

    /// <summary>Carries the follow-up out; repeating it after success changes nothing.</summary>
    public abstract Task RunAsync(FollowUpContext context);
}
