namespace Exchange.Grains.Licenses;

/// <summary>When a licensee is in default (domain.md §5): a reported royalty unpaid <see cref="LicensePeriods.DefaultGraceDays"/> days past its due date.</summary>
public static class LicenseDefaults
{
    public static bool HasDefault(IEnumerable<RoyaltyInvoice> invoices, DateOnly today) =>
        invoices.Any(i => i.PaidOn is null && LicensePeriods.IsDefault(i.DueDate, today));
}
