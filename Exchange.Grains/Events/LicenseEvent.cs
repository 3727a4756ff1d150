using System.Text.Json.Serialization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Events;

/// <summary>Something that happened to a licence; <see cref="DomainEvent.EventId"/> names the licence and the change.</summary>
[GenerateSerializer, Immutable]
public sealed record LicenseEvent(
    string EventId,
    [property: Id(0)] Guid LicenseId,
    [property: Id(1)] LicenseEventKind Kind,
    DateTimeOffset At,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string ApplicationNumber,
    [property: Id(4)] string IpcSubclass) : DomainEvent(EventId, At)
{
    [JsonIgnore]
    public override string ObjectId => $"license:{LicenseId:N}";
}
