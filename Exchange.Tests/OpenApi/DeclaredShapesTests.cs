using System.Text.RegularExpressions;
using Exchange.Api.Infrastructure;
using Exchange.Api.Infrastructure.OpenApi;
using Exchange.Api.Participants;
using Exchange.Api.Patents;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;

namespace Exchange.Tests.OpenApi;

/// <summary>
/// The patterns the document declares say exactly what the server's own checks accept: each is compared with the
/// check it describes, not with a copy of it.
/// </summary>
public sealed class DeclaredShapesTests
{
    private static IEnumerable<char> EveryChar => Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => !char.IsSurrogate(c));

    /// <summary>As JSON Schema validators read a pattern (ECMA-262): ASCII \d, and $ only at the very end.</summary>
    private static Regex Ecma(string pattern) => new(pattern, RegexOptions.ECMAScript);

    private static bool MatchesWhole(Regex pattern, string text) => pattern.Match(text) is { Success: true } match && match.Length == text.Length;

    private static bool Accepts(Func<string, string> rule, string text)
    {
        try
        {
            rule(text);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    [Fact]
    public void ThePrintableTextPatterns_AcceptExactlyWhatTextRulesAccepts()
    {
        var singleLine = Ecma(TextPatterns.SingleLine);
        var multiline = Ecma(TextPatterns.Multiline);
        foreach (var c in EveryChar)
        {
            var text = $"a{c}b";
            Assert.True(MatchesWhole(singleLine, text) == Accepts(t => TextRules.Required(t, "f", "field", 10), text), $"single line, U+{(int)c:X4}");
            Assert.True(MatchesWhole(multiline, text) == Accepts(t => TextRules.Required(t, "f", "field", 10, multiline: true), text), $"multi-line, U+{(int)c:X4}");
        }
    }

    [Fact]
    public void TheIdempotencyKeyPattern_AcceptsExactlyWhatTheMiddlewareAccepts()
    {
        var pattern = Ecma(IdempotencyMiddleware.KeyPattern);
        foreach (var c in EveryChar)
        {
            Assert.True(MatchesWhole(pattern, $"k{c}") == IdempotencyMiddleware.IsValidKey($"k{c}"), $"U+{(int)c:X4}");
        }
        Assert.True(IdempotencyMiddleware.IsValidKey(new string('k', IdempotencyMiddleware.MaxKeyLength)));
        Assert.False(IdempotencyMiddleware.IsValidKey(new string('k', IdempotencyMiddleware.MaxKeyLength + 1)));
        Assert.False(IdempotencyMiddleware.IsValidKey(""));
    }

    [Fact]
    public void TheApplicationNumberPattern_MatchesEveryNumberTheParserAccepts_AndNoneItRefuses()
    {
        var pattern = Ecma(ApplicationNumberSchema.Pattern);
        var random = new Random(9);
        foreach (var kind in Enum.GetValues<PatentKind>().Select(k => (int)k))
        {
            for (var i = 0; i < 50; i++)
            {
                var digits = i % 2 == 0
                    ? $"{random.Next(2004, 2030)}{kind}{random.Next(0, 10_000_000):D7}"
                    : $"{random.Next(85, 104) % 100:D2}{kind}{random.Next(0, 100_000):D5}";
                var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
                foreach (var written in new[] { number, "ZL" + number, "CN" + number })
                {
                    Assert.True(MatchesWhole(pattern, written), written);
                    Assert.True(written.Length <= ApplicationNumberSchema.MaxLength, written);
                    Assert.True(ApplicationNumber.TryParse(written, out _, out var error), error);
                }
            }
        }
        foreach (var refused in new[] { "201740601862.3", "20171060186.3", "2017106018623", "201710601862.", "ZZ201710601862.3", "2017106018623.3" })
        {
            Assert.False(MatchesWhole(pattern, refused), refused);
            Assert.False(ApplicationNumber.TryParse(refused, out _, out _), refused);
        }
    }

    [Fact]
    public void TheIpcPattern_IsTheOneTheRulesMatchWith_AndItsLongestFormFitsTheDeclaredLength()
    {
        var pattern = Ecma(PatentRules.IpcClassPattern);
        var longest = "H01M 1234/123456";
        Assert.Matches(pattern, longest);
        Assert.Equal(RegisterPatentRequest.MaxIpcClassLength, longest.Length);
        Assert.DoesNotMatch(pattern, longest + "7");
    }

    [Fact]
    public void TheRoleListLimit_IsTheNumberOfRoles()
    {
        var roles = Enum.GetValues<ParticipantRoles>().Where(r => r != ParticipantRoles.None).ToArray();
        Assert.Equal(RoleNames.MaxRoles, roles.Length);
        Assert.All(roles, r => Assert.Matches(RoleNames.Pattern, r.ToString()));
        Assert.All(roles, r => Assert.True(r.ToString().Length <= RoleNames.MaxNameLength));
        Assert.Equal(ParticipantRoles.Investor | ParticipantRoles.Owner, RoleNames.Parse(["investor", "Owner"]));
        Assert.Throws<DomainException>(() => RoleNames.Parse(Enumerable.Repeat("Investor", RoleNames.MaxRoles + 1).ToArray()));
    }
}
