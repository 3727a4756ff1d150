using Exchange.Grains.Licenses;

namespace Exchange.Tests.Licenses;

public sealed class ScopeRulesTests
{
    private static LicenseScope Scope(string start, string end, string[]? territories = null, string[]? fields = null) =>
        new(DateOnly.Parse(start), DateOnly.Parse(end), territories ?? ["CN"], fields ?? ["H01M"]);

    [Fact]
    public void TouchingTerms_DoNotOverlap() =>
        Assert.False(ScopeRules.Overlaps(Scope("2026-01-01", "2028-01-01"), Scope("2028-01-01", "2030-01-01")));

    [Fact]
    public void TermsSharingOneDay_Overlap() =>
        Assert.True(ScopeRules.Overlaps(Scope("2026-01-01", "2028-01-02"), Scope("2028-01-01", "2030-01-01")));

    [Theory]
    [InlineData("CN", "CN-44", true)]
    [InlineData("CN-44", "CN", true)]
    [InlineData("CN-44", "CN-11", false)]
    [InlineData("CN-44", "CN-440", false)]
    [InlineData("US", "CN", false)]
    public void Territories_OverlapWhenOneCoversTheOther(string a, string b, bool overlap) =>
        Assert.Equal(overlap, ScopeRules.Overlaps(Scope("2026-01-01", "2027-01-01", [a]), Scope("2026-06-01", "2027-06-01", [b])));

    [Theory]
    [InlineData("H01M", "H01M 10/0562", true)]
    [InlineData("H01M 10", "H01M 10/0562", true)]
    [InlineData("H01M 10", "H01M 100/00", false)]
    [InlineData("H01M", "H01L", false)]
    [InlineData("H01", "H01M 10/0562", true)]
    [InlineData("H", "H01M", true)]
    [InlineData("G", "H01M", false)]
    [InlineData("medical devices", "Medical Devices", true)]
    [InlineData("medical devices", "consumer electronics", false)]
    public void Fields_OverlapWhenOneCoversTheOther(string a, string b, bool overlap) =>
        Assert.Equal(overlap, ScopeRules.Overlaps(Scope("2026-01-01", "2027-01-01", fields: [a]), Scope("2026-06-01", "2027-06-01", fields: [b])));

    [Theory]
    [InlineData(LicenseType.Ordinary, LicenseType.Ordinary, false)]
    [InlineData(LicenseType.Ordinary, LicenseType.Exclusive, true)]
    [InlineData(LicenseType.Sole, LicenseType.Ordinary, true)]
    [InlineData(LicenseType.Sole, LicenseType.Exclusive, true)]
    public void OverlappingScopes_ConflictOnlyWhenEitherIsExclusiveOrSole(LicenseType a, LicenseType b, bool conflict) =>
        Assert.Equal(conflict, ScopeRules.Conflicts(a, Scope("2026-01-01", "2027-01-01"), b, Scope("2026-06-01", "2027-06-01")));

    [Fact]
    public void ExclusiveLicences_InDisjointTerritories_DoNotConflict() =>
        Assert.False(ScopeRules.Conflicts(LicenseType.Exclusive, Scope("2026-01-01", "2027-01-01", ["CN-44"]), LicenseType.Exclusive, Scope("2026-01-01", "2027-01-01", ["CN-11"])));
}
