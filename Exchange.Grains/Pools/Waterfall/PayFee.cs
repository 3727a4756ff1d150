namespace Exchange.Grains.Pools;

/// <summary>Pays a fee: its unpaid arrears first, then this period's amount.</summary>
public sealed record PayFee(string FeeId) : WaterfallStep;
