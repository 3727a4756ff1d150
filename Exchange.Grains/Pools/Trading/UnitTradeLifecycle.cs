using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Pools;

/// <summary>
/// A unit trade's lifecycle: offered → accepting (the buyer's money being held) → settled; back to offered when the
/// hold is refused; or withdrawn by the seller, or expired, while offered. A trade being accepted is not withdrawn: its
/// buyer's money may already be held, and the exchange finishes or undoes it.
/// </summary>
public sealed class UnitTradeLifecycle
{
    private static readonly LifecycleWording<UnitTradeStatus, UnitTradeTrigger> Wording = new("unit trade", Describe, Describe);
    private readonly StateMachine<UnitTradeStatus, UnitTradeTrigger> _machine;
    private readonly string _name;

    public UnitTradeLifecycle(Func<UnitTradeStatus> read, Action<UnitTradeStatus> write, Func<bool> expired, string name = "The trade")
    {
        _name = name;
        _machine = new StateMachine<UnitTradeStatus, UnitTradeTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(UnitTradeStatus.Offered)
            .PermitIf(UnitTradeTrigger.Accept, UnitTradeStatus.Accepting, () => !expired(), "its offer has not expired")
            .Permit(UnitTradeTrigger.Withdraw, UnitTradeStatus.Withdrawn)
            .PermitIf(UnitTradeTrigger.Expire, UnitTradeStatus.Expired, expired, "its offer has expired");
        _machine.Configure(UnitTradeStatus.Accepting)
            .Ignore(UnitTradeTrigger.Accept)
            .Permit(UnitTradeTrigger.HoldFailed, UnitTradeStatus.Offered)
            .Permit(UnitTradeTrigger.Settle, UnitTradeStatus.Settled);
        _machine.Configure(UnitTradeStatus.Settled).Ignore(UnitTradeTrigger.Settle).Ignore(UnitTradeTrigger.Accept);
        _machine.Configure(UnitTradeStatus.Withdrawn).Ignore(UnitTradeTrigger.Withdraw);
        _machine.Configure(UnitTradeStatus.Expired).Ignore(UnitTradeTrigger.Expire);
        _machine.OnUnhandledTrigger((state, trigger, unmet) =>
            throw new DomainException(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger, unmet)));
    }

    public UnitTradeStatus Status => _machine.State;

    public bool Accept() => TryFire(UnitTradeTrigger.Accept);

    public bool HoldFailed() => TryFire(UnitTradeTrigger.HoldFailed);

    public bool Settle() => TryFire(UnitTradeTrigger.Settle);

    public bool Withdraw() => TryFire(UnitTradeTrigger.Withdraw);

    public bool Expire() => TryFire(UnitTradeTrigger.Expire);

    public bool CanExpire => _machine.CanFire(UnitTradeTrigger.Expire);

    /// <summary>Offered or being paid for: the seller's units are set aside for it.</summary>
    public static bool IsOpen(UnitTradeStatus status) => status is UnitTradeStatus.Offered or UnitTradeStatus.Accepting;

    /// <summary>Offered and waiting for a buyer (what the market shows of an offer to anyone).</summary>
    public static bool IsOffered(UnitTradeStatus status) => status == UnitTradeStatus.Offered;

    /// <summary>Offered and not yet accepted: a buyer may accept it.</summary>
    public bool AwaitsBuyer => Status == UnitTradeStatus.Offered;

    /// <summary>Accepted, its buyer's price being held: the exchange finishes or undoes it.</summary>
    public bool AwaitsPayment => Status == UnitTradeStatus.Accepting;

    private bool TryFire(UnitTradeTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    public static string Describe(UnitTradeStatus status) => status switch
    {
        UnitTradeStatus.Offered => "offered",
        UnitTradeStatus.Accepting => "being paid for",
        UnitTradeStatus.Settled => "settled",
        UnitTradeStatus.Withdrawn => "withdrawn",
        UnitTradeStatus.Expired => "expired",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(UnitTradeTrigger trigger) => trigger switch
    {
        UnitTradeTrigger.Accept => "be accepted",
        UnitTradeTrigger.HoldFailed => "be offered again",
        UnitTradeTrigger.Settle => "be settled",
        UnitTradeTrigger.Withdraw => "be withdrawn",
        UnitTradeTrigger.Expire => "expire",
        _ => null,
    };
}

/// <summary>A trade and its lifecycle together: each intent moves <see cref="Current"/> to its new status.</summary>
internal sealed class TradeInLife
{
    public TradeInLife(UnitTrade trade, DateOnly today)
    {
        Current = trade;
        Lifecycle = new UnitTradeLifecycle(() => Current.Status, s => Current = Current with { Status = s }, () => today > trade.ExpiresOn, $"Trade {trade.TradeId}");
    }

    public UnitTrade Current { get; private set; }

    public UnitTradeLifecycle Lifecycle { get; }
}
