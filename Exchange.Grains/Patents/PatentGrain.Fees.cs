using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Patents;

/// <summary>
/// Annual fees and restoration. The payment is written as an intent first and made by the continuation, which then
/// records it: a crash between the owner paying and the patent recording the payment is finished by the continuation,
/// so a fee the owner paid can never let the patent lapse. A refused payment (funds, KYC) is reported to the caller.
/// </summary>
internal sealed partial class PatentGrain
{
    private const string PayFee = "pay-fee";

    /// <summary>A refusal the continuation met, for the command that asked for the payment to report.</summary>
    private DomainException? _refused;

    public async Task<PatentSnapshot> PayAnnualFee(int patentYear, Guid payerParticipantId, Actor actor)
    {
        await ReadyAsync();
        var facts = Facts;
        if (State.PaidFeeYears.Contains(patentYear))
        {
            return Snapshot();
        }
        if (!PledgeHoldRules.MayPayFees(PledgeHoldRules.IsHeld(State.Pledge, Now) ? State.Pledge : null, Facts.Record.Owners, payerParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {payerParticipantId} neither owns patent {Number} nor holds it in pledge.");
        }
        var next = facts.NextFee() ?? throw new DomainException(DomainErrors.AnnualFeeNotDue, $"Patent {Number} is {PatentLifecycle.Describe(State.LegalStatus)}; it owes no annual fee.");
        if (patentYear != next.PatentYear)
        {
            throw new DomainException(DomainErrors.AnnualFeeNotDue, $"The next annual fee of patent {Number} is for patent year {next.PatentYear}, not {patentYear}.", "patentYear");
        }
        Lifecycle.EnsureMayPayFee();
        var fee = await ComputeFeeAsync(facts, patentYear);
        // The posting id names the patent and year, so the fee is paid once however often or by whom it is retried.
        await RequestPaymentAsync(new FeePayment(patentYear, payerParticipantId, actor.ParticipantId, fee.Payable, $"annual-fee:{Number}:{patentYear}",
            $"annual fee ZL{Number} year {patentYear} (surcharge {fee.Surcharge}, {fee.LateMonths} month(s) late)", Today, Restoration: false));
        return Snapshot();
    }

    public async Task<AnnualFeeDue?> QuoteNextFee()
    {
        var facts = Facts;
        // Unregistered, the facts refuse (patent-not-found). The snapshot's next fee is null whenever the status owes none (lapsed, expired, invalidated), as the payment finds.
        return facts.Snapshot(Now).NextFee is { } next ? await ComputeFeeAsync(facts, next.PatentYear) : null;
    }

    /// <summary>The fee as the payment would take it today: reduced when every owner is a small entity, surcharged when late.</summary>
    private async Task<AnnualFeeDue> ComputeFeeAsync(PatentFacts facts, int patentYear)
    {
        var record = facts.Record;
        return AnnualFeeCalculator.Compute(FeeSchedule.Default, facts.BasicKind, record.FilingDate, State.GrantDate!.Value,
            patentYear, await ParticipantDirectory.SmallEntitiesAmongAsync(GrainFactory, record.Owners.Select(o => o.ParticipantId)), record.Owners.Count, Today);
    }

    public async Task<PatentSnapshot> Restore(Guid payerParticipantId, Actor actor)
    {
        await ReadyAsync();
        RequireOwner(payerParticipantId);
        Lifecycle.EnsureMayRestore(Today);
        var facts = Facts;
        var missed = facts.NextFee()!;
        var payable = AnnualFeeCalculator.RestorationPayable(FeeSchedule.Default, facts.BasicKind, facts.Record.FilingDate, State.GrantDate!.Value, missed.PatentYear,
            await ParticipantDirectory.SmallEntitiesAmongAsync(GrainFactory, facts.Record.Owners.Select(o => o.ParticipantId)), facts.Record.Owners.Count);
        await RequestPaymentAsync(new FeePayment(missed.PatentYear, payerParticipantId, actor.ParticipantId, payable, $"restoration:{Number}:{missed.PatentYear}",
            $"restoration of ZL{Number}: annual fee year {missed.PatentYear}, surcharge, request fee", Today, Restoration: true));
        return Snapshot();
    }

    public async Task ContinueAsync(string step)
    {
        if (step == PayFee)
        {
            await CompletePaymentAsync();
        }
    }

    private async Task RequestPaymentAsync(FeePayment payment)
    {
        State.FeePaymentPending = payment;
        await _runner.CommitAsync(Audit($"fee-payment-started:{payment.PatentYear}", new Actor(payment.RequestedBy, ""), $"{payment.Amount}: {payment.Memo}"), new ContinueLocally(PayFee));
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
    }

    /// <summary>The payment's continuation: idempotent, whether it runs in the command or after a crash.</summary>
    private async Task CompletePaymentAsync()
    {
        if (State.FeePaymentPending is not { } payment)
        {
            return;
        }
        var actor = new Actor(payment.RequestedBy, "");
        try
        {
            await GrainFactory.GetGrain<Ledger.IAccountGrain>(Ledger.AccountId.ForParticipant(payment.Payer)).Withdraw(payment.PostingId, payment.Amount, payment.Memo, actor);
        }
        catch (DomainException refusal)
        {
            State.FeePaymentPending = null;
            _refused = refusal;
            await _runner.CommitAsync(Audit($"fee-payment-refused:{payment.PatentYear}:{Now.UtcTicks}", actor, refusal.Message));
            return;
        }
        State.FeePaymentPending = null;
        State.PaidFeeYears.Add(payment.PatentYear);
        if (payment.Restoration)
        {
            // Judged on the day it was asked for: the two-month window was open then, and the fee is now paid.
            Lifecycle.Restore(payment.RequestedOn);
            State.LapsedFrom = null;
            await Deadlines.KeepAsync(this, DeadlinesRun);
            await _runner.CommitAsync(Audit("restored", actor, $"restored on {payment.RequestedOn:yyyy-MM-dd}; {payment.Amount} paid by {payment.Payer}"),
                new SetWakeup(WakeupKinds.Patent, Number, true));
            return;
        }
        if (Lifecycle.CanFire(LegalStatusTrigger.FeePaid))
        {
            Lifecycle.RecordFeePaid();
        }
        await _runner.CommitAsync(Audit($"annual-fee-paid:{payment.PatentYear}", actor, $"{payment.Amount} paid by {payment.Payer}: {payment.Memo}"));
    }
}

/// <summary>An annual fee (or a restoration's) to pay: written before the money moves.</summary>
public sealed record FeePayment(int PatentYear, Guid Payer, Guid RequestedBy, Money Amount, string PostingId, string Memo, DateOnly RequestedOn, bool Restoration);
