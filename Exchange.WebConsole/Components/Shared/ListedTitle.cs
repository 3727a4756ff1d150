using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.WebConsole.Client;
using Exchange.WebConsole.Resources;
using Microsoft.Extensions.Localization;

namespace Exchange.WebConsole.Components.Shared;

/// <summary>
/// A list item's title in the user's language. The API's lists carry one English line per object, which its grain
/// composes (LicenseEntry, ListingEntry, PatentTransferEntry, PoolEntry: "Ordinary licence of …", "… for sale at CNY …"); for
/// licences, listings, patent transfers and pools the console reads the licence type, application numbers and price out of
/// that line and says it again from its resources. A title it does not recognise (a patent's title, a participant's
/// name, a kind it does not know) is shown as sent. <c>ListedTitleTests</c> holds these patterns to the grains' lines.
/// </summary>
public static partial class ListedTitle
{
    public static string Of(ListedItem item, IStringLocalizer<ConsoleText> text) => item.Kind switch
    {
        "license" when License().Match(item.Title) is { Success: true } licence =>
            Format(text["ListedLicence"], LicenceType(text, licence.Groups["type"].Value), Numbers(text, licence.Groups["numbers"].Value)),
        "listing" when Listing().Match(item.Title) is { Success: true } listing && (listing.Groups["price"].Success || listing.Groups["type"].Success) =>
            Format(text["ListedListing"], Numbers(text, listing.Groups["numbers"].Value), string.Join(text["ListSeparator"], ListingTerms(text, listing))),
        "patent-transfer" when Transfer().Match(item.Title) is { Success: true } transfer =>
            Format(text["ListedPatentTransfer"], transfer.Groups["number"].Value, Money(transfer.Groups["price"].Value)),
        "pool" when Pool().Match(item.Title) is { Success: true } pool =>
            Format(text["ListedPool"], pool.Groups["name"].Value, pool.Groups["tranches"].Value, Money(pool.Groups["offered"].Value)),
        _ => item.Title,
    };

    private static IEnumerable<string> ListingTerms(IStringLocalizer<ConsoleText> text, Match listing)
    {
        if (listing.Groups["price"].Success)
        {
            yield return Format(text["ListedForSale"], Money(listing.Groups["price"].Value));
        }
        if (listing.Groups["type"].Success)
        {
            yield return Format(text["ListedForLicence"], LicenceType(text, listing.Groups["type"].Value));
        }
    }

    /// <summary>The grains write the licence type as the enum spells it ("Ordinary"); the console's words are keyed as the JSON spells it ("ordinary").</summary>
    private static string LicenceType(IStringLocalizer<ConsoleText> text, string type)
    {
        var word = text["License_" + JsonNamingPolicy.CamelCase.ConvertName(type)];
        return word.ResourceNotFound ? type : word.Value;
    }

    private static string Numbers(IStringLocalizer<ConsoleText> text, string numbers) => string.Join(text["ListSeparator"], numbers.Split(", "));

    private static string Money(string yuan) => Formats.Money(decimal.Parse(yuan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    // The grains' lines: Money is written "CNY 1200000.00", application numbers "201710601862.3", joined by ", ".
    [GeneratedRegex(@"^(?<type>Ordinary|Sole|Exclusive) licence of (?<numbers>[0-9X.]+(?:, [0-9X.]+)*)$")]
    private static partial Regex License();

    [GeneratedRegex(@"^(?<numbers>[0-9X.]+(?:, [0-9X.]+)*)(?: for sale at CNY (?<price>[0-9]+\.[0-9]{2}))?(?:, (?<type>Ordinary|Sole|Exclusive) licence)?$")]
    private static partial Regex Listing();

    [GeneratedRegex(@"^(?<number>[0-9X.]+) for CNY (?<price>[0-9]+\.[0-9]{2})$")]
    private static partial Regex Transfer();

    // The pool's name is the originator's own words, said as given; only the facts after it are the grain's.
    [GeneratedRegex(@"^(?<name>.+): (?<tranches>[0-9]+) tranche\(s\), CNY (?<offered>[0-9]+\.[0-9]{2}) offered$")]
    private static partial Regex Pool();
}
