namespace Exchange.Grains.Patents;

/// <summary>The kind digit of a Chinese application number (domain.md §3).</summary>
public enum PatentKind
{
    Invention = 1,
    UtilityModel = 2,
    Design = 3,
    PctInvention = 8,
    PctUtilityModel = 9,
}
