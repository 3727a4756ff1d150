namespace Exchange.Grains.Patents;

[GenerateSerializer, Immutable]
public sealed record RegisterPatent(
    [property: Id(0)] string ApplicationNumber,
    [property: Id(1)] string Title,
    [property: Id(2)] string Abstract,
    [property: Id(3)] IReadOnlyList<string> IpcClasses,
    [property: Id(4)] DateOnly FilingDate,
    [property: Id(5)] IReadOnlyList<PatentOwner> Owners,
    [property: Id(6)] IReadOnlyList<Inventor> Inventors);
