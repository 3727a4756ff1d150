using Exchange.Grains.Common;
using Exchange.Grains.Events;

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
            invoice = RoyaltyInvoices.FixPayment(invoice, agreement.Terms, Today);
            State.Invoices[index] = invoice;
            await _runner.CommitAsync(Audit($"royalty-payment-started:{periodIndex}", licensee, $"paying {invoice.Royalty + invoice.LateInterest}"));
        }
        var total = invoice.Royalty + invoice.LateInterest;
        if (total.Fen > 0)
        {
            // Straight from the licensee's account to every recipient in one balanced posting, whose id names the
            // licence and the period: a retry pays nothing twice, and no shared escrow account becomes a hot spot.
            var notEarning = State.InvalidatedPatents.Where(p => p.Value <= invoice.PeriodStart).Select(p => p.Key).ToHashSet();
            await Payer().Distribute($"royalty:{Id:N}:{periodIndex}",
                await RoyaltyRecipients.ResolveAsync(GrainFactory, agreement.ApplicationNumbers, total, State.RoyaltyAssignment, notEarning), $"royalty licence {Id:N} period {periodIndex}", licensee);
        }
        State.Invoices[index] = invoice with { PaidOn = Today, PaymentPending = false };
        // Paid and, when that was the last arrear, cured: in the same write, so a payment never leaves the licence suspended.
        var cured = !LicenseDefaults.HasDefault(State.Invoices, Today) && _lifecycle.CureIfSuspended();
        await _runner.CommitAsync([
            Audit($"royalty-paid:{periodIndex}", licensee, $"{total} paid ({invoice.LateInterest} late interest) and distributed{(cured ? "; arrears paid, licence active again" : "")}"),
            Event(LicenseEventKind.RoyaltyPaid, $"paid:{periodIndex}", total),
            Event(LicenseEventKind.RoyaltyDistributed, $"distributed:{periodIndex}", total)]);
        return State.Invoices[index];
    }
}
