namespace Exchange.Grains.Events;

/// <summary>Delivers a domain event to every subscription, one after another; fails if any consumer fails.</summary>
public interface IEventPublisher
{
    Task PublishAsync(DomainEvent domainEvent);
}

/// <summary>A consumer of domain events, registered in the silo's services. It must ignore an event it has handled before.</summary>
public interface IEventSubscription
{
    Task DeliverAsync(DomainEvent domainEvent);
}

/// <summary>Every registered subscription, in registration order.</summary>
public sealed class EventPublisher(IEnumerable<IEventSubscription> subscriptions) : IEventPublisher
{
    private readonly IEventSubscription[] _subscriptions = subscriptions.ToArray();

    public async Task PublishAsync(DomainEvent domainEvent)
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DeliverAsync(domainEvent);
        }
    }
}
