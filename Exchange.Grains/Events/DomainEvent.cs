using System.Text.Json.Serialization;

namespace Exchange.Grains.Events;

/// <summary>
/// Something that happened to an object of the exchange, told to whoever follows it (market data; later pools and
/// pledges). Events leave from their object's outbox (<see cref="FollowUps.PublishEvent"/>), so they survive any
/// crash and are delivered at least once, in order per object: every consumer de-duplicates by
/// <see cref="EventId"/>, which names the object and the change and is never random.
/// <para>Stored as JSON in the outbox: the discriminators are pinned.</para>
/// </summary>
[GenerateSerializer]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LicenseEvent), "license")]
[JsonDerivedType(typeof(PatentTransferEvent), "patent-transfer")]
public abstract record DomainEvent([property: Id(0)] string EventId, [property: Id(1)] DateTimeOffset At)
{
    /// <summary>The object the event is about, as the audit trail names it (<c>license:{id:N}</c>).</summary>
    [JsonIgnore]
    public abstract string ObjectId { get; }
}
