using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Tests.Patents;

public sealed class ApplicationNumberTests
{
    /// <summary>Every row of the reference file (shared/data/application-numbers.csv, copied into the tests).</summary>
    public static TheoryData<string, bool, string> ReferenceNumbers()
    {
        var data = new TheoryData<string, bool, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "Patents", "Data", "application-numbers.csv");
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')).Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            data.Add(cells[0], bool.Parse(cells[1]), cells[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceNumbers))]
    public void ReferenceNumber_IsAcceptedExactlyWhenItsCheckCharacterIsRight(string text, bool valid, string kind)
    {
        Assert.Equal(valid, ApplicationNumber.TryParse(text, out var number, out var error));
        if (valid)
        {
            Assert.Equal(text, number.ToString());
            Assert.Equal(kind.Replace("_", ""), number.Kind.ToString(), ignoreCase: true);
        }
        else
        {
            Assert.Contains("check character", error);
        }
    }

    [Fact]
    public void TwelveDigitNumber_ExposesYearKindAndGrantedForm()
    {
        var number = ApplicationNumber.Parse("201710601862.3");
        Assert.Equal((2017, PatentKind.Invention, false), (number.FilingYear, number.Kind, number.IsPre2004));
        Assert.Equal("ZL201710601862.3", number.GrantedNumber);
    }

    [Fact]
    public void EightDigitNumber_IsThePre2004Form()
    {
        var number = ApplicationNumber.Parse("95115608.X");
        Assert.Equal((1995, PatentKind.Invention, true), (number.FilingYear, number.Kind, number.IsPre2004));
    }

    [Theory]
    [InlineData("85", 1985)]
    [InlineData("99", 1999)]
    [InlineData("00", 2000)]
    [InlineData("03", 2003)]
    public void EightDigitNumbersFrom2000To2003_AreOfThisCentury(string year, int filed)
    {
        var digits = year + "100001";
        Assert.Equal(filed, ApplicationNumber.Parse(digits + "." + ApplicationNumber.CheckCharacterOf(digits)).FilingYear);
    }

    [Theory]
    [InlineData("ZL201710601862.3", "201710601862.3")]
    [InlineData(" zl201710601862.3 ", "201710601862.3")]
    [InlineData("CN201710601862.3", "201710601862.3")]
    [InlineData("cn 201710601862.3", "201710601862.3")]
    [InlineData("95115608.x", "95115608.X")]
    public void GrantedAndPublicationPrefixesAndLowerCase_AreAccepted(string text, string canonical) => Assert.Equal(canonical, ApplicationNumber.Parse(text).ToString());

    [Fact]
    public void PctKinds_FollowInventionAndUtilityModelForTermAndFees()
    {
        Assert.Equal(PatentKind.Invention, ApplicationNumber.Parse("202186624039.7").BasicKind);
        var pctUtility = "202190000001";
        Assert.Equal(PatentKind.UtilityModel, ApplicationNumber.Parse(pctUtility + "." + ApplicationNumber.CheckCharacterOf(pctUtility)).BasicKind);
    }

    [Theory]
    [InlineData("", "expected 12")]
    [InlineData("201710601862", "expected 12")]
    [InlineData("20171060186.3", "12 digits")]
    [InlineData("2017106018623.3", "12 digits")]
    [InlineData("2017A0601862.3", "12 digits")]
    [InlineData("201750601862.X", "kind digit 5")]
    public void MalformedNumber_IsRefusedSayingWhy(string text, string reason)
    {
        var error = Assert.Throws<DomainException>(() => ApplicationNumber.Parse(text));
        Assert.Equal(DomainErrors.InvalidApplicationNumber, error.Error);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void WrongCheckCharacter_IsRefusedNamingTheRightOne()
    {
        var error = Assert.Throws<DomainException>(() => ApplicationNumber.Parse("201710601862.4"));
        Assert.Contains("check character 4", error.Message);
        Assert.Contains("digits give 3", error.Message);
    }

    [Theory]
    [InlineData("201710601862.4", "201710601862.3")]
    [InlineData("201710601862", "201710601862.3")]
    [InlineData("201710601862.", "201710601862.3")]
    [InlineData(" zl201710601862.9 ", "201710601862.3")]
    [InlineData("95115608.1", "95115608.X")]
    [InlineData("95115608", "95115608.X")]
    public void ANumberWithAWrongOrMissingCheckCharacter_IsCorrectedToTheOneItsDigitsGive(string typed, string suggested) =>
        Assert.Equal(suggested, ApplicationNumber.SuggestCorrection(typed));

    [Theory]
    [InlineData("201710601862.3")]
    [InlineData("ZL95115608.X")]
    [InlineData("20171060186.3")]
    [InlineData("201760601862")]
    [InlineData("2017106018a2.3")]
    [InlineData("")]
    [InlineData(null)]
    public void AValidNumber_OrOneWhoseDigitsAreWrong_HasNoSuggestion(string? typed) =>
        Assert.Null(ApplicationNumber.SuggestCorrection(typed));
}
