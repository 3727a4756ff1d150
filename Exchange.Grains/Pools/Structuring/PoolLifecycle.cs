using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Pools;

/// <summary>What a pool's guards read: the facts of its state today, given by the grain.</summary>
/// <param name="HasReceivables">At least one licence receivable is assigned.</param>
/// <param name="WindowOpen">Today is on or before the day the subscription window closes.</param>
/// <param name="CleanUpCallReached">The outstanding principal is below the clean-up call share of the original.</param>
/// <param name="DatesLeft">Distribution dates remain.</param>
public sealed record PoolGuardFacts(bool HasReceivables, bool WindowOpen, bool CleanUpCallReached, bool DatesLeft);

/// <summary>
/// A pool's lifecycle (domain.md §7): structuring → subscription → issued (active) → accelerated by a trigger (and
/// back, if the trigger is curable) → called by the originator's clean-up call, or redeemed after its last
/// distribution → closed once wound up; or cancelled, before issue, by the originator or for want of subscriptions.
/// Receivables are assigned only while structuring; subscriptions taken only while the window is open; the pool is
/// issued (or cancelled as undersubscribed) only once the window has closed.
/// </summary>
public sealed class PoolLifecycle
{
    private static readonly LifecycleWording<PoolStatus, PoolTrigger> Wording = new("pool", Describe, Describe);
    private readonly StateMachine<PoolStatus, PoolTrigger> _machine;
    private readonly string _name;

    public PoolLifecycle(Func<PoolStatus> read, Action<PoolStatus> write, Func<PoolGuardFacts> facts, string name = "The pool")
    {
        _name = name;
        _machine = new StateMachine<PoolStatus, PoolTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(PoolStatus.Structuring)
            .InternalTransitionIf(PoolTrigger.AssignReceivable, _ => true, _ => { }, "its terms are still being set")
            .PermitIf(PoolTrigger.OpenSubscription, PoolStatus.Subscription, () => facts().HasReceivables, "at least one licence receivable is assigned to it")
            .Permit(PoolTrigger.Cancel, PoolStatus.Cancelled);
        _machine.Configure(PoolStatus.Subscription)
            .Ignore(PoolTrigger.OpenSubscription)
            .InternalTransitionIf(PoolTrigger.Subscribe, _ => facts().WindowOpen, _ => { }, "its subscription window is open")
            .PermitIf(PoolTrigger.Issue, PoolStatus.Active, () => !facts().WindowOpen, "its subscription window has closed")
            .PermitIf(PoolTrigger.Cancel, PoolStatus.Cancelled, () => true, "it is withdrawn or undersubscribed");
        _machine.Configure(PoolStatus.Active)
            .Ignore(PoolTrigger.Issue)
            .Ignore(PoolTrigger.Cure)
            .InternalTransitionIf(PoolTrigger.Distribute, _ => facts().DatesLeft, _ => { }, "a distribution date is left")
            .Permit(PoolTrigger.Accelerate, PoolStatus.Accelerated)
            .PermitIf(PoolTrigger.Call, PoolStatus.Called, () => facts().CleanUpCallReached, "its outstanding principal is below the clean-up call share of the original")
            .Permit(PoolTrigger.Redeem, PoolStatus.Redeemed);
        _machine.Configure(PoolStatus.Accelerated)
            .Ignore(PoolTrigger.Accelerate)
            .InternalTransitionIf(PoolTrigger.Distribute, _ => facts().DatesLeft, _ => { }, "a distribution date is left")
            .Permit(PoolTrigger.Cure, PoolStatus.Active)
            .PermitIf(PoolTrigger.Call, PoolStatus.Called, () => facts().CleanUpCallReached, "its outstanding principal is below the clean-up call share of the original")
            .Permit(PoolTrigger.Redeem, PoolStatus.Redeemed);
        _machine.Configure(PoolStatus.Called).Ignore(PoolTrigger.Call).Permit(PoolTrigger.Close, PoolStatus.Closed);
        _machine.Configure(PoolStatus.Redeemed).Ignore(PoolTrigger.Redeem).Permit(PoolTrigger.Close, PoolStatus.Closed);
        _machine.Configure(PoolStatus.Closed).Ignore(PoolTrigger.Close);
        _machine.Configure(PoolStatus.Cancelled).Ignore(PoolTrigger.Cancel);
        _machine.OnUnhandledTrigger((state, trigger, unmet) =>
            throw new DomainException(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger, unmet)));
    }

    public PoolStatus Status => _machine.State;

    /// <summary>Whether the pool is issued and paying: its units are held and its receivables' royalties are its own.</summary>
    public bool IsIssued => Status is PoolStatus.Active or PoolStatus.Accelerated;

    /// <summary>Whether its units are held (so transferable and paid): issued, until it is wound up.</summary>
    public bool HasHolders => Status is PoolStatus.Active or PoolStatus.Accelerated or PoolStatus.Called or PoolStatus.Redeemed;

    public bool IsFinal => IsFinalStatus(Status);

    public static bool IsFinalStatus(PoolStatus status) => status is PoolStatus.Closed or PoolStatus.Cancelled;

    /// <summary>Whether the pool is in the market: its window open (it concerns every investor).</summary>
    public static bool InTheMarket(PoolStatus status) => status == PoolStatus.Subscription;

    /// <summary>Whether it was ever offered to investors: past structuring, and not withdrawn before anyone subscribed.</summary>
    public static bool WasOffered(PoolStatus status, int subscribers) => status != PoolStatus.Structuring && !(status == PoolStatus.Cancelled && subscribers == 0);

    public bool IsCancelled => Status == PoolStatus.Cancelled;

    /// <summary>Past its last date (or repaid), collecting its royalty tail before it winds up.</summary>
    public bool IsRedeemed => Status == PoolStatus.Redeemed;

    /// <summary>Whether the subscription window has been closed one way or the other: issued (and after), or cancelled.</summary>
    public bool SubscriptionDecided => Status is not (PoolStatus.Structuring or PoolStatus.Subscription);

    /// <exception cref="DomainException">invalid-transition: still structuring, or the window is still open. A pool already issued or cancelled passes (a repeat).</exception>
    public void EnsureClosesSubscription()
    {
        if (!SubscriptionDecided && !_machine.CanFire(PoolTrigger.Issue))
        {
            _machine.Fire(PoolTrigger.Issue);
        }
    }

    /// <summary>Whether money sits in escrow for it: subscriptions are held until it is issued or cancelled.</summary>
    public bool HoldsSubscriptions => Status == PoolStatus.Subscription;

    public bool CanOpenSubscription => _machine.CanFire(PoolTrigger.OpenSubscription);

    public bool CanIssue => _machine.CanFire(PoolTrigger.Issue);

    public bool CanDistribute => _machine.CanFire(PoolTrigger.Distribute);

    public bool CanCall => _machine.CanFire(PoolTrigger.Call);

    /// <exception cref="DomainException">invalid-transition: units change hands only while the pool is issued and paying.</exception>
    public void EnsureTrades()
    {
        if (!IsIssued)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; its units are traded only while it is issued and paying.");
        }
    }

    /// <exception cref="DomainException">invalid-transition: receivables are assigned only while structuring.</exception>
    public void EnsureAssignsReceivables() => _machine.Fire(PoolTrigger.AssignReceivable);

    /// <exception cref="DomainException">invalid-transition: the window is not open.</exception>
    public void EnsureTakesSubscriptions() => _machine.Fire(PoolTrigger.Subscribe);

    /// <exception cref="DomainException">invalid-transition: the pool is not paying, or its dates are all past.</exception>
    public void EnsureDistributes() => _machine.Fire(PoolTrigger.Distribute);

    public bool OpenSubscription() => TryFire(PoolTrigger.OpenSubscription);

    public bool Issue() => TryFire(PoolTrigger.Issue);

    public bool Cancel() => TryFire(PoolTrigger.Cancel);

    public bool Accelerate() => TryFire(PoolTrigger.Accelerate);

    public bool Cure() => TryFire(PoolTrigger.Cure);

    public bool Call() => TryFire(PoolTrigger.Call);

    public bool Redeem() => TryFire(PoolTrigger.Redeem);

    public bool Close() => TryFire(PoolTrigger.Close);

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat).</summary>
    /// <exception cref="DomainException">invalid-transition: the trigger is not allowed in the current status, naming the guard unmet.</exception>
    public bool TryFire(PoolTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    /// <summary>The triggers a person fires, each with the command it answers.</summary>
    private static readonly (PoolAction Action, PoolTrigger Trigger)[] Commands =
    [
        (PoolAction.AssignReceivable, PoolTrigger.AssignReceivable), (PoolAction.OpenSubscription, PoolTrigger.OpenSubscription),
        (PoolAction.Subscribe, PoolTrigger.Subscribe), (PoolAction.CloseSubscription, PoolTrigger.Issue), (PoolAction.Cancel, PoolTrigger.Cancel),
        (PoolAction.Distribute, PoolTrigger.Distribute), (PoolAction.Call, PoolTrigger.Call),
    ];

    /// <summary>
    /// What the pool takes now: each command whose trigger its status and guards allow — not one its status ignores, which
    /// would only answer a repeat — and trading while it is issued.
    /// </summary>
    public IReadOnlyList<PoolAction> ActionsNow()
    {
        var ignored = IgnoredByStatus.Value[Status];
        var actions = Commands.Where(c => !ignored.Contains(c.Trigger) && _machine.CanFire(c.Trigger)).Select(c => c.Action).ToList();
        if (IsIssued)
        {
            actions.Add(PoolAction.Trade);
        }
        return actions;
    }

    // Every pool's machine is configured alike: the triggers each status ignores are read from one, once.
    private static readonly Lazy<IReadOnlyDictionary<PoolStatus, HashSet<PoolTrigger>>> IgnoredByStatus = new(() =>
    {
        var status = PoolStatus.Structuring;
        var template = new PoolLifecycle(() => status, s => status = s, () => new PoolGuardFacts(false, false, false, false));
        return template._machine.GetInfo().States.ToDictionary(s => (PoolStatus)s.UnderlyingState,
            s => s.IgnoredTriggers.Select(t => (PoolTrigger)t.Trigger.UnderlyingTrigger).ToHashSet());
    });

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    public static string Describe(PoolStatus status) => status switch
    {
        PoolStatus.Structuring => "being structured",
        PoolStatus.Subscription => "open for subscription",
        PoolStatus.Active => "issued and paying",
        PoolStatus.Accelerated => "accelerated by a trigger",
        PoolStatus.Called => "called by its originator",
        PoolStatus.Redeemed => "redeemed",
        PoolStatus.Closed => "closed",
        PoolStatus.Cancelled => "cancelled",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(PoolTrigger trigger) => trigger switch
    {
        PoolTrigger.AssignReceivable => "take licence receivables",
        PoolTrigger.OpenSubscription => "open for subscription",
        PoolTrigger.Subscribe => "take subscriptions",
        PoolTrigger.Issue => "be issued",
        PoolTrigger.Cancel => "be cancelled",
        PoolTrigger.Distribute => "make a distribution",
        PoolTrigger.Accelerate => "be accelerated",
        PoolTrigger.Cure => "return to its normal waterfall",
        PoolTrigger.Call => "be called",
        PoolTrigger.Redeem => "be redeemed",
        PoolTrigger.Close => "be closed",
        _ => null,
    };
}
