namespace Exchange.Grains.Pools;

/// <summary>What a step's payment is for.</summary>
public enum PaymentKind
{
    Fee = 0,
    Interest = 1,
    Principal = 2,
    Residual = 3,

    /// <summary>Cash moved into the pool's own reserve account: kept by the pool, not paid out.</summary>
    ReserveTopUp = 4,
}
