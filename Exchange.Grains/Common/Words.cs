using System.Text;

namespace Exchange.Grains.Common;

/// <summary>Small pieces of English for messages people read: lists, articles, and identifiers spelled out as words.</summary>
public static class Words
{
    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Join(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}",
        };
    }

    /// <summary>"an offer", "a licence".</summary>
    public static string WithArticle(string noun) => (noun.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(noun[0])) ? "an " : "a ") + noun;

    /// <summary>
    /// An identifier as words ("FundsInEscrow" → "funds in escrow", "transferId" → "transfer id"): the last resort
    /// for a status or command a lifecycle has no words of its own for, so no code name ever reaches a person.
    /// </summary>
    public static string Spell(string identifier)
    {
        var words = new StringBuilder(identifier.Length + 8);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))))
            {
                words.Append(' ');
            }
            words.Append(char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
