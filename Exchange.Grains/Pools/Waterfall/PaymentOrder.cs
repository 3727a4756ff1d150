namespace Exchange.Grains.Pools;

/// <summary>How one step shares its cash among the tranches it names.</summary>
public enum PaymentOrder
{
    /// <summary>In the order named: a tranche gets nothing until the one before it is paid in full.</summary>
    Sequential = 0,

    /// <summary>In proportion to what each is due, by largest remainder, when the cash does not cover them all.</summary>
    ProRata = 1,
}
