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
        // Fix the amount and its recipients before any money moves: a retry next month pays (and records) exactly this, not more.
        var toPay = invoice.PaymentPending ? invoice : RoyaltyInvoices.FixPayment(invoice, agreement.Terms, Today);
        var payout = State.PendingPayouts.GetValueOrDefault(Posting(periodIndex)) ?? await ResolveRoyaltyPayoutAsync(toPay);
        State.Invoices[index] = toPay;
        State.PendingPayouts[Posting(periodIndex)] = payout;
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
        var posting = Posting(periodIndex);
        IReadOnlyList<FollowUp> toPledges = [];
        if (total.Fen > 0)
        {
            var payout = await FixedPayoutAsync(posting, () => ResolveRoyaltyPayoutAsync(invoice));
            try
            {
                await Payer().Distribute(posting, payout.Parts, $"royalty licence {Id:N} period {periodIndex}", licensee);
                toPledges = payout.ToPledges;
            }
            catch (DomainException refusal)
            {
                // Not paid (funds, KYC): nothing moved. The amount stays fixed; the recipients are resolved again when it is paid.
                State.PendingPayouts.Remove(posting);
                _refused = refusal;
                return;
            }
        }
        State.Invoices[index] = invoice with { PaidOn = Today, PaymentPending = false };
        State.PendingPayouts.Remove(posting);
        var cured = !LicenseDefaults.HasDefault(State.Invoices, Today) && _lifecycle.CureIfSuspended();
        await _runner.CommitAsync([
            .. toPledges,
            Audit($"royalty-paid:{periodIndex}", licensee, $"{total} paid ({invoice.LateInterest} late interest) and distributed{(cured ? "; arrears paid, licence active again" : "")}"),
            Event(LicenseEventKind.RoyaltyPaid, $"paid:{periodIndex}", total),
            Event(LicenseEventKind.RoyaltyDistributed, $"distributed:{periodIndex}", total)]);
    }
}
