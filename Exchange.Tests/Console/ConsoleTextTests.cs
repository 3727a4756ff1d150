using System.Text.Json;
using System.Xml.Linq;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Lists;
using Exchange.Grains.Navigation;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Console;

/// <summary>The console speaks both its languages: every text is in the English and the Chinese resources.</summary>
public sealed class ConsoleTextTests
{
    [Fact]
    public void EveryText_IsInBothLanguages()
    {
        var english = Names("ConsoleText.resx");
        var chinese = Names("ConsoleText.zh-CN.resx");

        Assert.Empty(english.Except(chinese));
        Assert.Empty(chinese.Except(english));
    }

    /// <summary>
    /// The words the API sends that the console shows (statuses, kinds, roles, relations), each under its prefix: one
    /// without a text would be shown as the API spells it, in English, whatever the language.
    /// </summary>
    public static TheoryData<string, string[]> WordsTheApiSends => new()
    {
        { "Legal_", JsonNames<LegalStatus>() },
        { "Kind_", JsonNames<PatentKind>() },
        { "Encumbrance_", JsonNames<EncumbranceKind>() },
        { "License_", JsonNames<LicenseType>() },
        { "LicenseStatus_", JsonNames<LicenseStatus>() },
        { "Listing_", JsonNames<ListingStatus>() },
        { "Offer_", JsonNames<OfferKind>() },
        { "OfferStatus_", JsonNames<OfferStatus>() },
        { "Transfer_", JsonNames<PatentTransferStatus>() },
        { "Escrow_", JsonNames<PatentTransferStatus>() },
        { "Kyc_", JsonNames<KycStatus>() },
        { "Deal_", JsonNames<DealKind>() },
        { "Posting_", JsonNames<PostingKind>() },
        // Roles are sent as the enum spells them ("Owner"), not in camelCase.
        { "Role_", [.. Enum.GetNames<ParticipantRoles>().Where(r => r != nameof(ParticipantRoles.None))] },
        // How a list's object concerns a participant; "patent" and "to-confirm" relate objects to a patent or the
        // patent office, never to the participant a list is of, so no list shows them.
        { "Relation_", [DirectoryRelations.Self, DirectoryRelations.Owner, DirectoryRelations.Agency, DirectoryRelations.Licensee, DirectoryRelations.Bidder,
            DirectoryRelations.Buyer, DirectoryRelations.Seller, DirectoryRelations.Pledgee, DirectoryRelations.Pledgor, Exchange.Api.Lists.ListKind.Licensor] },
    };

    [Theory]
    [MemberData(nameof(WordsTheApiSends))]
    public void EveryWordTheApiSends_HasATextInBothLanguages(string prefix, string[] words)
    {
        foreach (var file in new[] { "ConsoleText.resx", "ConsoleText.zh-CN.resx" })
        {
            var missing = words.Select(w => prefix + w).Except(Names(file)).ToArray();
            Assert.True(missing.Length == 0, $"{file} has no text for {string.Join(", ", missing)}");
        }
    }

    private static string[] JsonNames<TEnum>() where TEnum : struct, Enum => [.. Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    private static string[] Names(string file) =>
        [.. XDocument.Load(Path.Combine(RepositoryRoot.Path, "Exchange.WebConsole", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
}
