using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Listings;

/// <summary>A listing is open until a deal closes it, its agency withdraws it, or it expires.</summary>
public sealed class ListingLifecycle
{
    private readonly StateMachine<ListingStatus, ListingTrigger> _machine;

    public ListingLifecycle(Func<ListingStatus> read, Action<ListingStatus> write)
    {
        _machine = new StateMachine<ListingStatus, ListingTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(ListingStatus.Open)
            .Permit(ListingTrigger.Close, ListingStatus.Closed)
            .Permit(ListingTrigger.Withdraw, ListingStatus.Withdrawn)
            .Permit(ListingTrigger.Expire, ListingStatus.Expired);
        _machine.Configure(ListingStatus.Closed).Ignore(ListingTrigger.Close).Ignore(ListingTrigger.Expire);
        _machine.Configure(ListingStatus.Withdrawn).Ignore(ListingTrigger.Withdraw).Ignore(ListingTrigger.Expire);
        _machine.Configure(ListingStatus.Expired).Ignore(ListingTrigger.Expire);
        _machine.OnUnhandledTrigger((state, trigger) => throw new DomainException(
            DomainErrors.InvalidTransition, $"A listing that is {state} cannot {trigger.ToString().ToLowerInvariant()}."));
    }

    public ListingStatus Status => _machine.State;

    public bool IsOpen => Status == ListingStatus.Open;

    public void Fire(ListingTrigger trigger) => _machine.Fire(trigger);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
