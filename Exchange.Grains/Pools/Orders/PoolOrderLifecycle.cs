using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Pools;

/// <summary>
/// A book order's lifecycle: a buy order is funding (its money being paid into escrow) → resting; a sell order rests at
/// once; a resting order is filled (part fills keep it resting), cancelled by its investor, or expires at the end of its
/// trading day. A buy order refused its money is cancelled. Orders are good for the day: the money a buy order set
/// aside never waits longer than that.
/// </summary>
public sealed class PoolOrderLifecycle
{
    private static readonly LifecycleWording<PoolOrderStatus, PoolOrderTrigger> Wording = new("order", Describe, Describe);
    private readonly StateMachine<PoolOrderStatus, PoolOrderTrigger> _machine;
    private readonly string _name;

    public PoolOrderLifecycle(Func<PoolOrderStatus> read, Action<PoolOrderStatus> write, Func<bool> dayOver, string name = "The order")
    {
        _name = name;
        _machine = new StateMachine<PoolOrderStatus, PoolOrderTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(PoolOrderStatus.Funding)
            .PermitIf(PoolOrderTrigger.Fund, PoolOrderStatus.Resting, () => !dayOver(), "its trading day is not over")
            .Permit(PoolOrderTrigger.Cancel, PoolOrderStatus.Cancelled)
            .PermitIf(PoolOrderTrigger.Expire, PoolOrderStatus.Expired, dayOver, "its trading day is over");
        _machine.Configure(PoolOrderStatus.Resting)
            .Permit(PoolOrderTrigger.Fill, PoolOrderStatus.Filled)
            .Permit(PoolOrderTrigger.Cancel, PoolOrderStatus.Cancelled)
            .PermitIf(PoolOrderTrigger.Expire, PoolOrderStatus.Expired, dayOver, "its trading day is over");
        _machine.Configure(PoolOrderStatus.Filled).Ignore(PoolOrderTrigger.Fill);
        _machine.Configure(PoolOrderStatus.Cancelled).Ignore(PoolOrderTrigger.Cancel);
        _machine.Configure(PoolOrderStatus.Expired).Ignore(PoolOrderTrigger.Expire);
        _machine.OnUnhandledTrigger((state, trigger, unmet) =>
            throw new DomainException(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger, unmet)));
    }

    public PoolOrderStatus Status => _machine.State;

    /// <summary>Its money is in escrow (a buy order) or it needs none (a sell order): it joins the book.</summary>
    public bool Fund() => TryFire(PoolOrderTrigger.Fund);

    public bool Fill() => TryFire(PoolOrderTrigger.Fill);

    public bool Cancel() => TryFire(PoolOrderTrigger.Cancel);

    public bool Expire() => TryFire(PoolOrderTrigger.Expire);

    public bool CanExpire => _machine.CanFire(PoolOrderTrigger.Expire);

    /// <summary>A buy order whose payment into escrow may or may not have happened: the pool asks the ledger.</summary>
    public bool AwaitsFunds => Status == PoolOrderStatus.Funding;

    /// <summary>In the book: it may trade, and its investor may cancel it.</summary>
    public bool IsResting => Rests(Status);

    /// <summary>Funding or resting: its units or its money are set aside.</summary>
    public static bool IsOpen(PoolOrderStatus status) => status is PoolOrderStatus.Funding or PoolOrderStatus.Resting;

    /// <summary>Whether an order in this status is in the book (what the book shows, by price level).</summary>
    public static bool Rests(PoolOrderStatus status) => status == PoolOrderStatus.Resting;

    private bool TryFire(PoolOrderTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    public static string Describe(PoolOrderStatus status) => status switch
    {
        PoolOrderStatus.Funding => "being paid for",
        PoolOrderStatus.Resting => "in the book",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(PoolOrderTrigger trigger) => trigger switch
    {
        PoolOrderTrigger.Fund => "join the book",
        PoolOrderTrigger.Fill => "be filled",
        PoolOrderTrigger.Cancel => "be cancelled",
        PoolOrderTrigger.Expire => "expire",
        _ => null,
    };
}

/// <summary>An order and its lifecycle together: each intent moves <see cref="Current"/> to its new status.</summary>
internal sealed class OrderInLife
{
    public OrderInLife(PoolOrder order, DateOnly today)
    {
        Current = order;
        Lifecycle = new PoolOrderLifecycle(() => Current.Status, s => Current = Current with { Status = s }, () => today > order.PlacedOn, $"Order {order.OrderId}");
    }

    public PoolOrder Current { get; private set; }

    public PoolOrderLifecycle Lifecycle { get; }
}
