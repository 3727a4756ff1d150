namespace Exchange.Grains.Ledger;

/// <summary>
/// The payer account's answer to an immediate transfer: the transfer as the ledger holds it, and whether this call
/// booked it (false for a repeat, answered with the row an earlier call wrote).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TransferBooking([property: Id(0)] TransferRecord Transfer, [property: Id(1)] bool BookedNow);
