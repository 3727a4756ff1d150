namespace Exchange.Grains.Ledger;

[GenerateSerializer, Immutable]
public sealed record StatementLine(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string PostingId,
    [property: Id(2)] PostingKind Kind,
    [property: Id(3)] Bucket Bucket,
    [property: Id(4)] long AmountFen,
    [property: Id(5)] Guid? TransferId,
    [property: Id(6)] string Memo,
    [property: Id(7)] DateTimeOffset At);

/// <summary>A page of statement lines; <see cref="NextCursor"/> is the sequence to continue after, or null at the end.</summary>
[GenerateSerializer, Immutable]
public sealed record StatementPage([property: Id(0)] IReadOnlyList<StatementLine> Lines, [property: Id(1)] long? NextCursor);
