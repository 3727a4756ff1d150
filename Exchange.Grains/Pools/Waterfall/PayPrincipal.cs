namespace Exchange.Grains.Pools;

/// <summary>Repays the named tranches' principal, by schedule or everything outstanding.</summary>
public sealed record PayPrincipal(IReadOnlyList<string> TrancheIds, PaymentOrder Order, PrincipalBasis Basis) : WaterfallStep
{
    public PayPrincipal(string trancheId, PrincipalBasis basis) : this([trancheId], PaymentOrder.Sequential, basis)
    {
    }
}
