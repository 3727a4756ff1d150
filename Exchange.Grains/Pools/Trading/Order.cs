using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// A limit order for one tranche's units. <see cref="Sequence"/> is the order's place in time, assigned by the book's
/// owner as orders arrive: time priority among equal prices is by it, not by a clock, so matching is deterministic and
/// replays the same from the log. A resting order's <see cref="Units"/> are what is still unfilled.
/// </summary>
public sealed record Order(Guid OrderId, Guid InvestorId, OrderSide Side, long Units, Money LimitPricePerUnit, long Sequence);
