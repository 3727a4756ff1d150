using Exchange.Grains.Common;

namespace Exchange.Grains.Events;

/// <summary>
/// Something that happened to a licence, published on the licence's stream. Delivery is at least once, so every
/// consumer de-duplicates by <see cref="EventId"/>, which is derived from the licence and the change, never random.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LicenseEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] Guid LicenseId,
    [property: Id(2)] LicenseEventKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Money Amount,
    [property: Id(5)] string ApplicationNumber,
    [property: Id(6)] string IpcSubclass);
