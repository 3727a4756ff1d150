using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Licenses;

/// <summary>The royalty cycle (domain.md §5): the licensee reports a period's net sales, the royalty is invoiced, paid and distributed.</summary>
internal sealed partial class LicenseGrain
{
    public async Task<RoyaltyInvoice> ReportNetSales(int periodIndex, Money netSales, Actor licensee)
    {
        await _runner.ResumeAsync();
        var agreement = RequireLicensee(licensee, "reports net sales");
        if (State.Invoices.FirstOrDefault(i => i.PeriodIndex == periodIndex) is { } reported)
        {
            return reported.NetSales == netSales ? reported
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Period {periodIndex} of licence {Id} was reported at {reported.NetSales}, not {netSales}.");
        }
        _lifecycle.EnsureMayReport();
        var invoice = RoyaltyInvoices.Issue(Id, agreement, State.Scope!, periodIndex, netSales, State.RightsEndedOn, Today);
        State.Invoices.Add(invoice);
        await _runner.CommitAsync(Audit($"royalty-reported:{periodIndex}", licensee, $"net sales {netSales}, royalty {invoice.Royalty} due {invoice.DueDate:yyyy-MM-dd}"),
            Event(LicenseEventKind.RoyaltyReported, $"reported:{periodIndex}", invoice.Royalty));
        return invoice;
    }

    public async Task<RoyaltyInvoice> PayRoyalty(int periodIndex, Actor licensee)
    {
        await _runner.ResumeAsync();
        var agreement = RequireLicensee(licensee, "pays royalties");
        var index = State.Invoices.FindIndex(i => i.PeriodIndex == periodIndex);
        if (index < 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Period {periodIndex} of licence {Id} has not been reported.", "periodIndex");
        }
        var invoice = State.Invoices[index];
        if (invoice.PaidOn is not null)
        {
            return invoice;
        }
        if (!invoice.PaymentPending)
        {
            // Fix the amount before any money moves: a retry next month pays (and records) exactly this, not more.
            State.Invoices[index] = RoyaltyInvoices.FixPayment(invoice, agreement.Terms, Today);
        }
        // The intent is written before the money moves; the continuation pays and records the payment, here or after a crash.
        _payer = licensee;
        await _runner.CommitAsync(Audit($"royalty-payment-started:{periodIndex}", licensee, $"paying {State.Invoices[index].Royalty + State.Invoices[index].LateInterest}"),
            new ContinueLocally(PayRoyaltyStep + periodIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
        return State.Invoices[index];
    }

    private const string PayRoyaltyStep = "pay-royalty:";

    private string Posting(int periodIndex) => $"royalty:{Id:N}:{periodIndex}";

    /// <summary>Who asked for the payment being completed (the licensee), for the audit entry; after a crash, the licensee.</summary>
    private Actor? _payer;

    /// <summary>
    /// Pays a period's fixed royalty straight from the licensee's account to every recipient in one balanced posting,
    /// whose id names the licence and the period (a repeat pays nothing twice; no shared escrow account becomes a hot
    /// spot), then records it paid and, when that was the last arrear, cures the licence, in one write.
    /// </summary>
    private async Task CompletePaymentAsync(int periodIndex)
    {
        var agreement = Agreement;
        var index = State.Invoices.FindIndex(i => i.PeriodIndex == periodIndex);
        if (index < 0 || State.Invoices[index] is not { PaidOn: null, PaymentPending: true } invoice)
        {
            return;
        }
        var licensee = _payer ?? new Actor(agreement.Licensee, "Licensee");
        var total = invoice.Royalty + invoice.LateInterest;
        IReadOnlyList<FollowUp> toPledges = [];
        if (total.Fen > 0)
        {
            try
            {
                var weights = LicensePeriods.EarningWeights(invoice.PeriodStart, invoice.PeriodEnd, agreement.ApplicationNumbers, State.InvalidatedPatents);
                var payout = await RoyaltyRecipients.ResolveAsync(GrainFactory, agreement.ApplicationNumbers, total, State.RoyaltyAssignment, Id, Posting(periodIndex), Now, weights);
                await Payer().Distribute(Posting(periodIndex), payout.Parts, $"royalty licence {Id:N} period {periodIndex}", licensee);
                toPledges = payout.ToPledges;
            }
            catch (DomainException refusal)
            {
                // Not paid (funds, KYC): the amount stays fixed and a later payment completes it.
                _refused = refusal;
                return;
            }
        }
        State.Invoices[index] = invoice with { PaidOn = Today, PaymentPending = false };
        var cured = !LicenseDefaults.HasDefault(State.Invoices, Today) && _lifecycle.CureIfSuspended();
        var posting = Posting(periodIndex);
        await _runner.CommitAsync([
            .. State.RoyaltyAssignment is { Reason: RoyaltyAssignmentReason.PledgeDefault } swept && total.Fen > 0
                ? new FollowUp[] { new CreditPledge(swept.AssignedBy, posting, total) } : [],
            .. toPledges,
            Audit($"royalty-paid:{periodIndex}", licensee, $"{total} paid ({invoice.LateInterest} late interest) and distributed{(cured ? "; arrears paid, licence active again" : "")}"),
            Event(LicenseEventKind.RoyaltyPaid, $"paid:{periodIndex}", total),
            Event(LicenseEventKind.RoyaltyDistributed, $"distributed:{periodIndex}", total)]);
    }
}
