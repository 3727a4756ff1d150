namespace Exchange.Grains.Pools;

/// <summary>One dated cash flow of an investor's return: negative paid in (a subscription, a purchase), positive received.</summary>
/// <param name="Amount">In yuan; decimal so a statement's flows are the ledger's amounts exactly.</param>
public sealed record CashFlow(DateOnly On, decimal Amount);
