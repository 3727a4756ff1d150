using Exchange.Grains.Navigation;
using Exchange.Grains.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Exchange.Grains.Events;

/// <summary>Market data's view of licences: an executed licence is a completed licence deal.</summary>
public interface IMarketDataConsumerGrain : IGrainWithGuidKey;

/// <summary>
/// Subscribed implicitly to every licence's stream (one activation per licence). Deals are recorded under the
/// licence id, so a redelivered event records nothing twice; the processed event ids are also kept, so a
/// redelivery does no work at all.
/// </summary>
[ImplicitStreamSubscription(ExchangeStreams.LicenseNamespace)]
[GrainType("market-data-consumer")]
internal sealed class MarketDataConsumerGrain(IProjectionStore store) : Grain, IMarketDataConsumerGrain, IStreamSubscriptionObserver
{
    private readonly HashSet<string> _processed = [];

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<LicenseEvent>().ResumeAsync(OnEventAsync);

    private async Task OnEventAsync(LicenseEvent licenseEvent, StreamSequenceToken? token)
    {
        if (_processed.Contains(licenseEvent.EventId))
        {
            return;
        }
        if (licenseEvent.Kind == LicenseEventKind.Executed)
        {
            await store.RecordDealAsync(new DealRecord(licenseEvent.LicenseId, DealKind.License, licenseEvent.ApplicationNumber, licenseEvent.IpcSubclass,
                licenseEvent.Amount.Fen, licenseEvent.At));
        }
        // Remembered only once handled: a redelivery after a failure is handled again.
        _processed.Add(licenseEvent.EventId);
    }
}
