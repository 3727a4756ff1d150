using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// The royalty of one payment period: net sales reported by the licensee, the royalty due (rate × net sales, at
/// least the period's share of the minimum), the due date, and once paid, when and with how much late interest.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoyaltyInvoice(
    [property: Id(0)] int PeriodIndex,
    [property: Id(1)] DateOnly PeriodStart,
    [property: Id(2)] DateOnly PeriodEnd,
    [property: Id(3)] Money NetSales,
    [property: Id(4)] Money Royalty,
    [property: Id(5)] DateOnly DueDate,
    [property: Id(6)] DateOnly? PaidOn,
    [property: Id(7)] Money LateInterest,
    [property: Id(8)] bool PaymentPending = false);
