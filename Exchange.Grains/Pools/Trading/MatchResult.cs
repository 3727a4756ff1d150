namespace Exchange.Grains.Pools;

/// <summary>
/// What one submission did: the fills in the order they executed, the incoming order's unfilled remainder now resting
/// (null when it filled completely), and the whole book afterwards, which the caller keeps for the next submission.
/// </summary>
public sealed record MatchResult(IReadOnlyList<Fill> Fills, Order? Resting, IReadOnlyList<Order> Book);
