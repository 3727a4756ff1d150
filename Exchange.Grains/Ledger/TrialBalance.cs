namespace Exchange.Grains.Ledger;

/// <summary>Totals by account class; <see cref="TotalFen"/> is zero whenever every posting was balanced.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialBalance(
    [property: Id(0)] long TotalFen,
    [property: Id(1)] long ParticipantAvailableFen,
    [property: Id(2)] long ParticipantReservedFen,
    [property: Id(3)] long PlatformEscrowFen,
    [property: Id(4)] long ExternalFen,
    [property: Id(5)] long PostingCount);
