using System.Globalization;

namespace Exchange.Grains.Common;

/// <summary>
/// An exact amount of CNY held as a whole number of fen (0.01 yuan). Binary floating point never touches money.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Money([property: Id(0)] long Fen) : IComparable<Money>
{
    /// <summary>Largest single amount the exchange accepts: CNY 100 billion. Anything larger is a typo or an attack.</summary>
    public const long MaxFen = 10_000_000_000_000L;

    public static Money Zero => new(0);

    public decimal Yuan => Fen / 100m;

    /// <summary>Converts yuan to fen, refusing amounts with more than two decimals instead of rounding them away.</summary>
    public static Money FromYuan(decimal yuan)
    {
        // Range first: multiplying a huge decimal by 100 would overflow before any check could speak.
        if (yuan > MaxFen / 100m || yuan < -MaxFen / 100m)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Amount {yuan.ToString(CultureInfo.InvariantCulture)} is beyond the exchange's limit of CNY {MaxFen / 100:N0}.", "amount");
        }
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Amount {yuan.ToString(CultureInfo.InvariantCulture)} has more than two decimals; CNY is exact to the fen.", "amount");
        }
        return new Money((long)fen);
    }

    /// <summary>A positive amount within limits; what every command that moves money requires.</summary>
    /// <param name="field">The request field the refusal names (a price is not an "amount").</param>
    public static Money PositiveFromYuan(decimal yuan, string field = "amount")
    {
        var money = FromYuan(yuan);
        if (money.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"{(field == "amount" ? "Amount" : char.ToUpperInvariant(field[0]) + field[1..])} must be positive, was {yuan.ToString(CultureInfo.InvariantCulture)}.", field);
        }
        return money;
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator -(Money a) => new(-a.Fen);
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public override string ToString() => "CNY " + Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
