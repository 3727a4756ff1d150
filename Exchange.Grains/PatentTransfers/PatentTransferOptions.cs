namespace Exchange.Grains.PatentTransfers;

/// <summary>The configuration section <c>Exchange:PatentTransfers</c>.</summary>
public sealed class PatentTransferOptions
{
    /// <summary>
    /// How long a patent transfer may wait, from its proposal, to be recorded with the patent office; then it is
    /// cancelled and the buyer's escrow released, so no transfer holds money or the patent forever.
    /// </summary>
    public int RecordWithinDays { get; set; } = 90;
}
