namespace Exchange.Grains.Pools;

/// <summary>Pays the named tranches' interest: this period's coupon plus what earlier periods left unpaid.</summary>
public sealed record PayInterest(IReadOnlyList<string> TrancheIds, PaymentOrder Order) : WaterfallStep
{
    public PayInterest(string trancheId) : this([trancheId], PaymentOrder.Sequential)
    {
    }
}
