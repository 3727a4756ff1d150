using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Listings;

/// <summary>A listing is open until a deal closes it, its agency withdraws it, or it expires. Only an open listing takes offers.</summary>
public sealed class ListingLifecycle
{
    private static readonly LifecycleWording<ListingStatus, ListingTrigger> Wording = new("listing", Describe, Describe);
    private readonly StateMachine<ListingStatus, ListingTrigger> _machine;
    private readonly string _name;

    public ListingLifecycle(Func<ListingStatus> read, Action<ListingStatus> write, string name = "The listing")
    {
        _name = name;
        _machine = new StateMachine<ListingStatus, ListingTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(ListingStatus.Open)
            .Permit(ListingTrigger.Close, ListingStatus.Closed)
            .Permit(ListingTrigger.Withdraw, ListingStatus.Withdrawn)
            .Permit(ListingTrigger.Expire, ListingStatus.Expired)
            .InternalTransitionIf(ListingTrigger.TakeOffer, _ => true, Allowed, "offers are taken");
        _machine.Configure(ListingStatus.Closed).Ignore(ListingTrigger.Close).Ignore(ListingTrigger.Expire);
        _machine.Configure(ListingStatus.Withdrawn).Ignore(ListingTrigger.Withdraw).Ignore(ListingTrigger.Expire);
        _machine.Configure(ListingStatus.Expired).Ignore(ListingTrigger.Expire);
        _machine.OnUnhandledTrigger((state, trigger) => throw new DomainException(DomainErrors.InvalidTransition, trigger == ListingTrigger.TakeOffer
            ? $"{_name} is {Describe(state)}; it takes no offers and accepts none."
            : Wording.Refusal(_machine, _name, state, trigger)));
    }

    public ListingStatus Status => _machine.State;

    public bool IsOpen => _machine.CanFire(ListingTrigger.TakeOffer);

    /// <exception cref="DomainException">invalid-transition: the listing is not open.</exception>
    public void EnsureTakesOffers() => _machine.Fire(ListingTrigger.TakeOffer);

    /// <summary>A deal closed the listing; false if it was no longer open.</summary>
    public bool Close() => TryFire(ListingTrigger.Close);

    /// <summary>The agency withdraws it, or a listed patent changed hands; false if it was no longer open.</summary>
    public bool Withdraw() => TryFire(ListingTrigger.Withdraw);

    /// <summary>A listed patent changed hands or ended: an open listing is withdrawn; false if it was no longer open.</summary>
    public bool WithdrawIfOpen() => IsOpen && TryFire(ListingTrigger.Withdraw);

    /// <summary>Its date passed; false if it was no longer open.</summary>
    public bool Expire() => TryFire(ListingTrigger.Expire);

    /// <summary>The effect of a check: none. The guard texts name what each check allows, for the exported diagram.</summary>
    private static void Allowed(StateMachine<ListingStatus, ListingTrigger>.Transition transition)
    {
    }

    /// <summary>A listing's status in words, as refusals and other messages say it.</summary>
    public static string Describe(ListingStatus status) => status switch
    {
        ListingStatus.Open => "open",
        ListingStatus.Closed => "closed by a deal",
        ListingStatus.Withdrawn => "withdrawn",
        ListingStatus.Expired => "expired",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(ListingTrigger trigger) => trigger switch
    {
        ListingTrigger.Close => "be closed by a deal",
        ListingTrigger.Withdraw => "be withdrawn",
        ListingTrigger.Expire => "expire",
        ListingTrigger.TakeOffer => "take offers",
        _ => null,
    };

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat).</summary>
    /// <exception cref="DomainException">The trigger is not allowed in the current status.</exception>
    public bool TryFire(ListingTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }
}
