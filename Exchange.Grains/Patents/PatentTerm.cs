namespace Exchange.Grains.Patents;

/// <summary>
/// How long a patent lives (Patent Law 2020, Art. 42): from the filing date, invention 20 years, utility model
/// 10, design 15 — 10 for designs filed before 1 June 2021, when the amended law took effect. The term runs to
/// the day before the anniversary of the filing date. Term adjustments and drug-patent extensions are granted
/// case by case and recorded on the patent, not computed here.
/// </summary>
public static class PatentTerm
{
    public static readonly DateOnly DesignTermExtendedFrom = new(2021, 6, 1);

    /// <summary>The longest term, an invention's: no patent has an annual fee beyond its 20th year.</summary>
    public const int MaxYears = 20;

    public static int Years(PatentKind kind, DateOnly filingDate) => kind switch
    {
        PatentKind.Invention or PatentKind.PctInvention => MaxYears,
        PatentKind.UtilityModel or PatentKind.PctUtilityModel => 10,
        PatentKind.Design => filingDate >= DesignTermExtendedFrom ? 15 : 10,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown patent kind."),
    };

    /// <summary>The last day the patent is in force, before any recorded adjustment.</summary>
    public static DateOnly LastDay(PatentKind kind, DateOnly filingDate, int adjustmentDays = 0) =>
        filingDate.AddYears(Years(kind, filingDate)).AddDays(adjustmentDays - 1);

    /// <summary>The patent year a date falls in: year 1 starts on the filing date, year 2 on its first anniversary.</summary>
    public static int PatentYear(DateOnly filingDate, DateOnly date)
    {
        if (date < filingDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"{date} is before the filing date {filingDate}.");
        }
        var years = date.Year - filingDate.Year;
        if (filingDate.AddYears(years) > date)
        {
            years--;
        }
        return years + 1;
    }
}
