using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>The royalty invoice of a period (domain.md §5), from the licensee's report of its net sales.</summary>
public static class RoyaltyInvoices
{
    /// <summary>
    /// The invoice of a finished period: rate × net sales, at least the period's share of the minimum annual royalty.
    /// After the licence's rights ended (its last patent declared invalid) nothing is due, and for a period they ended
    /// in, the minimum applies to the days before (Patent Law Art. 47).
    /// </summary>
    public static RoyaltyInvoice Issue(Guid licenseId, LicenseAgreement agreement, LicenseScope scope, int periodIndex, Money netSales, DateOnly? rightsEndedOn, DateOnly today)
    {
        var terms = agreement.Terms;
        var period = LicensePeriods.Ended(licenseId, agreement.Start, scope.End, terms, periodIndex, today);
        var share = LicensePeriods.ShareBefore(period, rightsEndedOn);
        if (share == 0m)
        {
            throw new DomainException(DomainErrors.RoyaltyNotDue,
                $"Period {periodIndex} of licence {licenseId} starts after its patents were declared invalid on {rightsEndedOn:yyyy-MM-dd}; no royalty is due for it.");
        }
        var royalty = RoyaltyRules.Due(netSales, terms.RoyaltyRateBasisPoints, terms.MinimumAnnualRoyalty, terms.PaymentsPerYear, period.IndexInYear, share);
        return new RoyaltyInvoice(periodIndex, period.Start, period.End, netSales, royalty, period.DueDate, null, Money.Zero);
    }

    /// <summary>Fixes what the payment of an invoice will be, late interest included, before any money moves.</summary>
    public static RoyaltyInvoice FixPayment(RoyaltyInvoice invoice, LicenseTerms terms, DateOnly paidOn) =>
        invoice.PaymentPending ? invoice
            : invoice with { LateInterest = LicensePeriods.LateInterest(invoice.Royalty, terms.LateInterestBasisPointsPerMonth, invoice.DueDate, paidOn), PaymentPending = true };
}
