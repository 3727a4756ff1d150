namespace Exchange.Grains.Pools;

/// <summary>
/// The internal rate of return of dated cash flows, as Excel's XIRR computes it: the rate r at which
/// Σ amountᵢ / (1 + r)^((dateᵢ − date₀) / 365) = 0, with date₀ the first flow's date and actual days over 365.
/// <para>
/// Newton's method from 10% (Excel's default guess); if it fails (a step to or below −100%, a flat derivative, no
/// convergence), the rate is bracketed on a fixed grid from −99.999999% to 1,000,000% and bisected. The search runs
/// in double: the exponents are fractional, which decimal cannot raise to, and double's 15–16 significant digits put
/// the rate far inside the 1e-8 a statement needs; the amounts are the ledger's decimals converted once. The rate
/// does not depend on date₀ (moving it scales every term by the same factor), so the flows need not be sorted.
/// </para>
/// </summary>
public static class Xirr
{
    private const double DaysInYear = 365.0;
    private const double Guess = 0.1;
    private const int NewtonIterations = 100;
    private const int BisectionIterations = 300;
    private const double Tolerance = 1e-12;

    private static readonly double[] BracketGrid =
    [
        -0.99999999, -0.9999, -0.999, -0.99, -0.95, -0.9, -0.75, -0.5, -0.25, -0.1, 0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75,
        1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1_000.0, 10_000.0,
    ];

    public static XirrResult Compute(IReadOnlyList<CashFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (flows.Count < 2 || !flows.Any(f => f.Amount > 0) || !flows.Any(f => f.Amount < 0))
        {
            return XirrResult.NoSignChange;
        }
        var first = flows[0].On.DayNumber;
        var years = flows.Select(f => (f.On.DayNumber - first) / DaysInYear).ToArray();
        var amounts = flows.Select(f => (double)f.Amount).ToArray();
        var scale = amounts.Sum(Math.Abs);

        if (TryNewton(years, amounts, scale, out var rate))
        {
            return XirrResult.Of(rate, foundByBisection: false);
        }
        if (TryBisection(years, amounts, out rate))
        {
            return XirrResult.Of(rate, foundByBisection: true);
        }
        return XirrResult.DidNotConverge;
    }

    /// <summary>The flows' value today at <paramref name="rate"/>: the function whose root the XIRR is.</summary>
    private static double NetPresentValue(double[] years, double[] amounts, double rate)
    {
        var value = 0.0;
        for (var i = 0; i < amounts.Length; i++)
        {
            value += amounts[i] / Math.Pow(1 + rate, years[i]);
        }
        return value;
    }

    private static bool TryNewton(double[] years, double[] amounts, double scale, out double rate)
    {
        rate = Guess;
        for (var i = 0; i < NewtonIterations; i++)
        {
            double value = 0, slope = 0;
            for (var k = 0; k < amounts.Length; k++)
            {
                var discount = Math.Pow(1 + rate, years[k]);
                value += amounts[k] / discount;
                slope -= years[k] * amounts[k] / (discount * (1 + rate));
            }
            if (!double.IsFinite(value) || !double.IsFinite(slope) || slope == 0)
            {
                return false;
            }
            var next = rate - value / slope;
            if (!double.IsFinite(next) || next <= -1)
            {
                return false;
            }
            if (Math.Abs(next - rate) <= Tolerance * Math.Max(1, Math.Abs(rate)))
            {
                rate = next;
                // A tiny step is not enough on its own: near a flat minimum that does not reach zero, Newton crawls too.
                return Math.Abs(NetPresentValue(years, amounts, rate)) <= 1e-9 * scale;
            }
            rate = next;
        }
        return false;
    }

    /// <summary>Finds the first grid interval whose ends have values of opposite sign and halves it to the root.</summary>
    private static bool TryBisection(double[] years, double[] amounts, out double rate)
    {
        rate = double.NaN;
        var low = BracketGrid[0];
        var lowValue = NetPresentValue(years, amounts, low);
        for (var g = 1; g < BracketGrid.Length; g++)
        {
            var high = BracketGrid[g];
            var highValue = NetPresentValue(years, amounts, high);
            if (double.IsFinite(lowValue) && double.IsFinite(highValue) && (lowValue == 0 || Math.Sign(lowValue) != Math.Sign(highValue)))
            {
                rate = Bisect(years, amounts, low, lowValue, high);
                return true;
            }
            low = high;
            lowValue = highValue;
        }
        return false;
    }

    private static double Bisect(double[] years, double[] amounts, double low, double lowValue, double high)
    {
        for (var i = 0; i < BisectionIterations && high - low > Tolerance * Math.Max(1, Math.Abs(low)); i++)
        {
            var middle = low + (high - low) / 2;
            var value = NetPresentValue(years, amounts, middle);
            if (value == 0)
            {
                return middle;
            }
            if (Math.Sign(value) == Math.Sign(lowValue))
            {
                low = middle;
                lowValue = value;
            }
            else
            {
                high = middle;
            }
        }
        return low + (high - low) / 2;
    }
}
