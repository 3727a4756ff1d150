using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Listings;

/// <summary>
/// Negotiation of one offer (domain.md §4): the lister accepts, rejects or counters; the bidder accepts or
/// declines a counter, or withdraws; unanswered offers expire. Accepted, rejected, withdrawn and expired are final.
/// </summary>
public sealed class OfferLifecycle
{
    private readonly StateMachine<OfferStatus, OfferTrigger> _machine;

    public OfferLifecycle(Func<OfferStatus> read, Action<OfferStatus> write)
    {
        _machine = new StateMachine<OfferStatus, OfferTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(OfferStatus.Submitted)
            .Permit(OfferTrigger.Counter, OfferStatus.Countered)
            .Permit(OfferTrigger.Accept, OfferStatus.Accepted)
            .Permit(OfferTrigger.Reject, OfferStatus.Rejected)
            .Permit(OfferTrigger.Withdraw, OfferStatus.Withdrawn)
            .Permit(OfferTrigger.Expire, OfferStatus.Expired);
        _machine.Configure(OfferStatus.Countered)
            .Permit(OfferTrigger.AcceptCounter, OfferStatus.Accepted)
            .Permit(OfferTrigger.Decline, OfferStatus.Rejected)
            .Permit(OfferTrigger.Reject, OfferStatus.Rejected)
            .Permit(OfferTrigger.Withdraw, OfferStatus.Withdrawn)
            .Permit(OfferTrigger.Expire, OfferStatus.Expired);
        _machine.Configure(OfferStatus.Accepted).Ignore(OfferTrigger.Accept).Ignore(OfferTrigger.AcceptCounter);
        _machine.Configure(OfferStatus.Rejected).Ignore(OfferTrigger.Reject).Ignore(OfferTrigger.Decline).Ignore(OfferTrigger.Expire);
        _machine.Configure(OfferStatus.Withdrawn).Ignore(OfferTrigger.Withdraw).Ignore(OfferTrigger.Expire).Ignore(OfferTrigger.Reject);
        _machine.Configure(OfferStatus.Expired).Ignore(OfferTrigger.Expire).Ignore(OfferTrigger.Reject);
        _machine.OnUnhandledTrigger((state, trigger) => throw new DomainException(
            DomainErrors.InvalidTransition, $"An offer that is {state} cannot take {trigger}."));
    }

    public OfferStatus Status => _machine.State;

    public bool IsLive => Status is OfferStatus.Submitted or OfferStatus.Countered;

    public void Fire(OfferTrigger trigger) => _machine.Fire(trigger);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
