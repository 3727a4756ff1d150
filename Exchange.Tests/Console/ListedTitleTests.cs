using System.Globalization;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Lists;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Pools;
using ListedItem = Exchange.WebConsole.Client.ListedItem;
using Exchange.WebConsole.Components.Shared;
using Exchange.WebConsole.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Console;

/// <summary>
/// The lists' titles in the console's languages: the lines the grains write for licences, listings and patent transfers
/// (their directory entries, as the API sends them) said again from the console's resources; anything else as sent.
/// </summary>
public sealed class ListedTitleTests
{
    private const string First = "201710601862.3";
    private const string Second = "201820123456.X";

    private static readonly IStringLocalizer<ConsoleText> Text =
        new StringLocalizer<ConsoleText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static readonly LicenseTerms Exclusive = new(LicenseType.Exclusive, ["CN"], ["H01M"], 36, Money.FromYuan(50_000m), 350, Money.FromYuan(20_000m));

    [Theory]
    [InlineData("zh-CN", "独占许可：201710601862.3、201820123456.X")]
    [InlineData("en", "exclusive licence of 201710601862.3, 201820123456.X")]
    public void ALicencesLine_IsSaidInTheUsersLanguage(string culture, string expected)
    {
        var state = new LicenseState { Draft = new LicenseAgreement([First, Second], Guid.NewGuid(), Exclusive, new DateOnly(2026, 1, 1)) };

        Assert.Equal(expected, InCulture(culture, () => ListedTitle.Of(Item(LicenseEntry.Of(Guid.NewGuid(), state)!), Text)));
    }

    [Theory]
    [InlineData("zh-CN", true, true, "201710601862.3：出售价 ¥1,200,000.00、独占许可")]
    [InlineData("zh-CN", false, true, "201710601862.3：独占许可")]
    [InlineData("en", true, false, "201710601862.3: for sale at CNY 1,200,000.00")]
    [InlineData("en", true, true, "201710601862.3: for sale at CNY 1,200,000.00, exclusive licence")]
    public void AListingsLine_IsSaidInTheUsersLanguage(string culture, bool forSale, bool forLicence, string expected)
    {
        var state = new ListingState
        {
            Listing = new ListingTerms([First], forSale ? Money.FromYuan(1_200_000m) : null, forLicence ? Exclusive : null, new DateOnly(2026, 6, 30)),
            AgencyId = Guid.NewGuid(),
        };

        Assert.Equal(expected, InCulture(culture, () => ListedTitle.Of(Item(ListingEntry.Of(Guid.NewGuid(), state)!), Text)));
    }

    [Theory]
    [InlineData("zh-CN", "201820123456.X，转让价 ¥980,000.50")]
    [InlineData("en", "201820123456.X for CNY 980,000.50")]
    public void APatentTransfersLine_IsSaidInTheUsersLanguage(string culture, string expected)
    {
        var state = new PatentTransferState { Proposal = new PatentSale(Second, Guid.NewGuid(), Money.FromYuan(980_000.50m), null, null) };

        Assert.Equal(expected, InCulture(culture, () => ListedTitle.Of(Item(PatentTransferEntry.Of(Guid.NewGuid(), state)!), Text)));
    }

    [Theory]
    [InlineData("zh-CN", "Cathode royalties: 2027-1：2 个分层，发行 ¥11,000.00")]
    [InlineData("en", "Cathode royalties: 2027-1: 2 tranche(s), CNY 11,000.00 offered")]
    public void APoolsLine_IsSaidInTheUsersLanguage_ItsNameAsTheOriginatorWroteIt(string culture, string expected)
    {
        var today = new DateOnly(2027, 1, 4);
        var definition = new PoolDefinition("Cathode royalties: 2027-1", today, [today.AddDays(90)],
            [
                new TrancheDefinition("A", TrancheSeniority.Senior, 100, Money.FromYuan(100m), 4m, 10, 50, Amortization.EqualParts),
                new TrancheDefinition("C", TrancheSeniority.Subordinated, 10, Money.FromYuan(100m), 0m, 10, 0, Amortization.AtMaturity),
            ],
            [], Money.Zero, 1.2m, true, false, 10m, 200, 5, [Money.Zero]);
        var state = new PoolRecord { Definition = definition, OriginatorId = Guid.NewGuid(), Status = PoolStatus.Subscription };

        Assert.Equal(expected, InCulture(culture, () => ListedTitle.Of(Item(PoolEntry.Of(Guid.NewGuid(), state)!), Text)));
    }

    [Theory]
    [InlineData(DirectoryKinds.Pool, "A pool the console has no pattern for")]
    [InlineData(DirectoryKinds.Patent, "Ordinary licence of 201710601862.3")]
    [InlineData(DirectoryKinds.License, "A licence the console has no pattern for")]
    [InlineData(DirectoryKinds.Listing, "201710601862.3")]
    public void AnyOtherTitle_IsShownAsSent(string kind, string title) =>
        Assert.Equal(title, InCulture("zh-CN", () => ListedTitle.Of(new ListedItem("id", kind, "open", title, [], DateTimeOffset.UnixEpoch, "/"), Text)));

    private static ListedItem Item(DirectoryEntry entry) => new(entry.ObjectId, entry.Kind, entry.Status, entry.Title, [], DateTimeOffset.UnixEpoch, "/");

    private static string InCulture(string name, Func<string> say)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return say();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
