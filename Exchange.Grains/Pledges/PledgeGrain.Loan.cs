using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>The secured loan (domain.md §6): repayments through the ledger, early repayment, default on the daily check, the royalty sweep, the pledgee's consents.</summary>
internal sealed partial class PledgeGrain
{
    private const string PayStep = "pay";

    /// <summary>A refusal the payment met (funds, KYC), for the command that asked for it to report.</summary>
    private DomainException? _refused;

    public Task<PledgeSnapshot> Repay(Guid paymentId, Money amount, Actor pledgor) => StartPaymentAsync(paymentId, amount, early: false, pledgor);

    public Task<PledgeSnapshot> RepayEarly(Guid paymentId, Money amount, Actor pledgor) => StartPaymentAsync(paymentId, amount, early: true, pledgor);

    public async Task<PledgeSnapshot> DeclareDefault(Actor pledgee)
    {
        await _runner.ResumeAsync();
        RequirePledgee(pledgee, "declares a default");
        _lifecycle.EnsureTakesRepayments();
        if (!_lifecycle.Performs)
        {
            return Snapshot();
        }
        var standing = PledgeFacts.Standing(State, Today);
        if (!standing.InDefault)
        {
            throw new DomainException(DomainErrors.LoanNotInDefault,
                $"Pledge {Id}'s loan is {standing.DaysPastDue} day(s) past due; it defaults only after {Application.GraceDays} grace day(s).");
        }
        await DefaultAsync(pledgee, standing);
        return Snapshot();
    }

    public async Task<PledgeSnapshot?> CheckStanding()
    {
        await _runner.ResumeAsync();
        if (State.Application is not { } application)
        {
            return null;
        }
        if (_lifecycle.AwaitsDecision && State.ReviewDeadlineMissedOn is null && ReviewDeadline.IsMissed(State.ReceivedOn, application.Channel, Today))
        {
            State.ReviewDeadlineMissedOn = Today;
            await _runner.CommitAsync(Audit("review-deadline-missed", Actor.System, $"undecided after its deadline of {PledgeFacts.DecideBy(State):yyyy-MM-dd}"));
        }
        if (_lifecycle.Performs && PledgeFacts.Standing(State, Today) is { InDefault: true } standing)
        {
            await DefaultAsync(Actor.System, standing);
        }
        if (State.Sale is { } sale && EnforcementSaleRules.HasLapsed(sale, Today))
        {
            await LapseSaleAsync();
        }
        return Snapshot();
    }

    public async Task RoyaltySwept(string postingId, Money amount)
    {
        await _runner.ResumeAsync();
        if (State.Application is null || State.RoyaltyCredits.Contains(postingId) || amount.Fen <= 0)
        {
            return;
        }
        if (State.RoyaltyCredits.Count >= PledgeState.MaxRoyaltyCredits)
        {
            State.RoyaltyCredits.RemoveAt(0);
        }
        State.RoyaltyCredits.Add(postingId);
        if (_lifecycle.IsFinal)
        {
            // Swept in the moment between the pledge's end and the end of its sweep: recorded for the parties to settle.
            await _runner.CommitAsync(Audit($"royalty-after-end:{postingId}", Actor.System, $"{amount} of royalties ({postingId}) reached the pledgee after the pledge ended; it is owed back to the owners"));
            return;
        }
        State.Repaid += amount;
        await AfterRepaymentAsync([Audit($"royalty-credited:{postingId}", Actor.System, $"{amount} of swept royalties ({postingId}) credited to the loan")]);
    }

    private async Task<PledgeSnapshot> StartPaymentAsync(Guid paymentId, Money amount, bool early, Actor pledgor)
    {
        await _runner.ResumeAsync();
        if (!State.Pledgors.Contains(pledgor.ParticipantId))
        {
            _ = Application;
            throw new DomainException(DomainErrors.Forbidden, $"Only a pledgor repays the loan of pledge {Id}.");
        }
        if (State.RecentPayments.Contains(paymentId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureTakesRepayments();
        if (State.PaymentPending is not null)
        {
            throw new DomainException(DomainErrors.RequestInProgress, $"A repayment of pledge {Id} is still being completed; try again in a moment.");
        }
        var interest = Money.Zero;
        if (early)
        {
            _lifecycle.EnsureMayRepayEarly();
            var loan = ProceedsTarget();
            EarlyRepayment.EnsureAllowed(loan, amount);
            interest = EarlyRepayment.AccruedInterest(amount, loan);
        }
        else
        {
            EarlyRepayment.EnsureRepayable(amount, PledgeFacts.StillOwed(State));
        }
        var payment = new PledgePayment(State.Payments + 1, amount, early, pledgor.ParticipantId, paymentId, interest);
        State.PaymentPending = payment;
        // The intent is written before the money moves; the continuation pays and records it, here or after a crash.
        _refused = null;
        await _runner.CommitAsync(Audit($"repayment-started:{payment.Number}", pledgor, $"paying {payment.Total}{(early ? $" early ({interest} of it interest accrued)" : "")}"), new ContinueLocally(PayStep));
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
        return Snapshot();
    }

    public async Task ContinueAsync(string step)
    {
        if (step == PayStep && State.PaymentPending is { } payment)
        {
            await CompletePaymentAsync(payment);
        }
        else if (step == SaleStep && State.Sale is { PaymentPending: true })
        {
            await CompleteSaleAsync();
        }
    }

    /// <summary>
    /// Pays the pledgee from the pledgor's account in one balanced posting whose id names the pledge and the payment
    /// (a repeat pays nothing twice), then records it: towards the schedule, or as principal repaid early with the
    /// remaining instalments recomputed on the smaller balance.
    /// </summary>
    private async Task CompletePaymentAsync(PledgePayment payment)
    {
        var application = Application;
        var payer = new Actor(payment.PayerId, "Pledgor");
        try
        {
            await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(payment.PayerId)).Distribute($"pledge:{Id:N}:payment:{payment.PaymentId:N}",
                [new DistributionPart(AccountId.ForParticipant(application.PledgeeId), payment.Total)], $"pledge {Id:N} repayment {payment.Number}", payer);
        }
        catch (DomainException refusal)
        {
            // Nothing moved: the ledger refused the posting. The intent is dropped, and a later repayment takes its number.
            _refused = refusal;
            State.PaymentPending = null;
            await _runner.CommitAsync(Audit($"repayment-refused:{payment.Number}:{Now.UtcTicks}", payer, $"{payment.Total} not paid: {refusal.Message}"));
            return;
        }
        State.PaymentPending = null;
        State.Payments = payment.Number;
        RememberPayment(payment.PaymentId);
        if (payment.Early)
        {
            Prepay(payment.Amount);
        }
        else
        {
            State.Repaid += payment.Amount;
        }
        await AfterRepaymentAsync([Audit($"repaid:{payment.Number}", payer, $"{payment.Total} paid{(payment.Early ? $" early ({payment.Interest} interest); instalments recomputed" : "")}")]);
    }

    /// <summary>Principal repaid early: the instalments still to come are recomputed on the smaller balance.</summary>
    private void Prepay(Money principal)
    {
        var paid = PledgeFacts.Standing(State, Today).InstalmentsPaid;
        var terms = Application.Loan with { Principal = PledgeFacts.ScheduledPrincipal(State) };
        State.Schedule = [.. State.Schedule.Take(paid), .. LoanSchedule.AfterPrepayment(terms, State.Schedule, paid, principal)];
        State.Prepaid += principal;
    }

    /// <summary>After money came in: the arrears paid cure a default (and end the sweep); the last of the loan releases the pledge.</summary>
    private async Task AfterRepaymentAsync(IEnumerable<FollowUp> recorded)
    {
        var standing = PledgeFacts.Standing(State, Today);
        List<FollowUp> owed = [.. recorded];
        if (_lifecycle.InDefault && standing.Arrears == Money.Zero)
        {
            var swept = _lifecycle.RoyaltiesAreSwept;
            _lifecycle.Cure();
            owed.Add(Audit($"cured:{Today:yyyyMMdd}:{State.Repaid.Fen}", Actor.System, "arrears paid; the loan performs again"));
            owed.AddRange(swept ? EndSweep() : []);
        }
        if (standing.IsRepaid && _lifecycle.RepayInFull())
        {
            // Redeemed, perhaps during enforcement: an approved sale's claims on the patents are let go.
            owed.AddRange(State.Sale is { ApprovedOn: not null } ? AbandonSale() : []);
            State.Sale = null;
            await EndAsync("released", Actor.System, "loan repaid in full; pledge released", owed);
            return;
        }
        await _runner.CommitAsync(owed);
    }

    private async Task DefaultAsync(Actor actor, LoanStanding standing)
    {
        _lifecycle.Default();
        State.DefaultedOn = Today;
        List<FollowUp> owed = [Audit($"defaulted:{Today:yyyyMMdd}", actor, $"{standing.Arrears} overdue for {standing.DaysPastDue} days, past {Application.GraceDays} grace day(s)")];
        if (Application.PledgesRoyalties && _lifecycle.SweepRoyalties())
        {
            var account = AccountId.ForParticipant(Application.PledgeeId);
            owed.Add(Audit($"royalties-swept:{Today:yyyyMMdd}", actor, $"royalties of {Application.RoyaltyLicenses.Count} licence(s) go to the pledgee until the arrears are paid"));
            owed.AddRange(Application.RoyaltyLicenses.Select(FollowUp (l) => new SweepRoyalties(l, Id, account, Sweep: true)));
        }
        await _runner.CommitAsync(owed);
    }

    private IEnumerable<FollowUp> EndSweep() =>
        Application.RoyaltyLicenses.Select(FollowUp (l) => new SweepRoyalties(l, Id, AccountId.ForParticipant(Application.PledgeeId), Sweep: false));

    private void RequirePledgee(Actor actor, string what)
    {
        if (actor.ParticipantId != Application.PledgeeId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the pledgee {what} of pledge {Id}.");
        }
    }
}
