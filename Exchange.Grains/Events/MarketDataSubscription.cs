using Exchange.Grains.Navigation;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Events;

/// <summary>
/// Market data's one path: an executed licence and a settled sale are both completed deals. A deal is keyed by the
/// object it completes (one deal per licence, one per patent transfer), so a redelivered event records nothing twice.
/// </summary>
public sealed class MarketDataSubscription(IProjectionStore projections) : IEventSubscription
{
    public Task DeliverAsync(DomainEvent domainEvent) => domainEvent switch
    {
        LicenseEvent { Kind: LicenseEventKind.Executed } e =>
            projections.RecordDealAsync(new DealRecord(e.LicenseId, DealKind.License, e.ApplicationNumber, e.IpcSubclass, e.Amount.Fen, e.At)),
        PatentTransferEvent { Kind: PatentTransferEventKind.Settled } e =>
            projections.RecordDealAsync(new DealRecord(e.TransferId, DealKind.Sale, e.ApplicationNumber, e.IpcSubclass, e.Price.Fen, e.At)),
        _ => Task.CompletedTask,
    };
}
