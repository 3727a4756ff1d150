using System.Globalization;
using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>
/// Annual fees (年费) by patent year, one table per basic kind, read from the CSV files in Patents/Data — the
/// schedule is data the fee authority changes, not code.
/// </summary>
public sealed class FeeSchedule
{
    private readonly IReadOnlyDictionary<PatentKind, IReadOnlyList<(int FromYear, int ToYear, Money Fee)>> _bands;

    private FeeSchedule(IReadOnlyDictionary<PatentKind, IReadOnlyList<(int, int, Money)>> bands, int singleReductionPercent, int jointReductionPercent)
    {
        _bands = bands;
        SingleOwnerReductionPercent = singleReductionPercent;
        JointOwnersReductionPercent = jointReductionPercent;
    }

    /// <summary>The schedule shipped with the exchange (CNIPA; fee reduction measures since 2018-08-01).</summary>
    public static FeeSchedule Default { get; } = Load();

    public int SingleOwnerReductionPercent { get; }

    public int JointOwnersReductionPercent { get; }

    public Money FullAnnualFee(PatentKind basicKind, int patentYear)
    {
        if (!_bands.TryGetValue(basicKind, out var bands))
        {
            throw new ArgumentOutOfRangeException(nameof(basicKind), basicKind, "No fee table for this kind; use the basic kind.");
        }
        foreach (var (from, to, fee) in bands)
        {
            if (patentYear >= from && patentYear <= to)
            {
                return fee;
            }
        }
        throw new DomainException(DomainErrors.InvalidInput, $"No annual fee for year {patentYear} of a {basicKind} patent: it is beyond the term.");
    }

    public static FeeSchedule Parse(IReadOnlyDictionary<PatentKind, string> feeTables, string reductionTable)
    {
        var bands = feeTables.ToDictionary(t => t.Key, t => (IReadOnlyList<(int, int, Money)>)Rows(t.Value)
            .Select(r => (int.Parse(r[0], CultureInfo.InvariantCulture), int.Parse(r[1], CultureInfo.InvariantCulture), Money.FromYuan(decimal.Parse(r[2], CultureInfo.InvariantCulture))))
            .ToArray());
        var reductions = Rows(reductionTable).ToDictionary(r => r[0], r => int.Parse(r[1], CultureInfo.InvariantCulture));
        return new FeeSchedule(bands, reductions["single_qualifying_owner"], reductions["joint_qualifying_owners"]);
    }

    private static FeeSchedule Load() => Parse(
        new Dictionary<PatentKind, string>
        {
            [PatentKind.Invention] = Resource("fee-schedule-invention.csv"),
            [PatentKind.UtilityModel] = Resource("fee-schedule-utility-model.csv"),
            [PatentKind.Design] = Resource("fee-schedule-design.csv"),
        },
        Resource("fee-reduction.csv"));

    /// <summary>Data rows of a CSV table: comment lines (#) and the header skipped.</summary>
    private static IEnumerable<string[]> Rows(string csv) => csv
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith('#'))
        .Skip(1)
        .Select(line => line.Split(','));

    private static string Resource(string fileName)
    {
        var assembly = typeof(FeeSchedule).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
