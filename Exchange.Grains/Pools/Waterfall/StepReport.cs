using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>One waterfall step as it ran: what was still due when it ran, and what it paid to whom.</summary>
public sealed record StepReport(int Index, WaterfallStep Step, IReadOnlyList<StepPayment> Payments)
{
    public Money Due => new(Payments.Sum(p => p.Due.Fen));

    public Money Paid => new(Payments.Sum(p => p.Paid.Fen));
}
