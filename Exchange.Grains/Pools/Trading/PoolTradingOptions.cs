namespace Exchange.Grains.Pools;

/// <summary>
/// The venue's trading rules for pool units (<c>Exchange:Pools</c>): the holidays its trading-day calendar skips
/// (weekends are never trading days), and the switch of the continuous order book, off by default: domain.md §7 says
/// a venue that is not a licensed exchange must not continuously match standardized units (国发〔2011〕38号).
/// </summary>
public sealed class PoolTradingOptions
{
    public List<DateOnly> Holidays { get; set; } = [];

    public bool OrderBookEnabled { get; set; }
}
