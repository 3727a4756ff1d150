using System.Text.Json.Serialization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Events;

public enum PatentTransferEventKind
{
    /// <summary>Recorded with the patent office, the sellers paid, the buyer the owner: a completed sale.</summary>
    Settled = 0,

    /// <summary>Cancelled before it was recorded; the escrow went back to the buyer.</summary>
    Cancelled = 1,
}

/// <summary>Something that happened to a patent transfer (an assignment of a patent for a price).</summary>
[GenerateSerializer, Immutable]
public sealed record PatentTransferEvent(
    string EventId,
    [property: Id(0)] Guid TransferId,
    [property: Id(1)] PatentTransferEventKind Kind,
    DateTimeOffset At,
    [property: Id(2)] Money Price,
    [property: Id(3)] string ApplicationNumber,
    [property: Id(4)] string IpcSubclass) : DomainEvent(EventId, At)
{
    [JsonIgnore]
    public override string ObjectId => $"patent-transfer:{TransferId:N}";
}
