using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Console;

/// <summary>Screenshots have one switch, the one the README names: a second, undocumented one crept in once.</summary>
public sealed partial class ScreenshotSwitchTests
{
    [Fact]
    public void TheBrowserTests_ReadOneScreenshotSwitch_TheOneTheReadmeNames()
    {
        var tests = Path.Combine(RepositoryRoot.Path, "Exchange.Tests");
        var switches = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(nameof(ScreenshotSwitchTests) + ".cs", StringComparison.Ordinal))
            .SelectMany(f => Switch().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToArray();

        Assert.Equal(["EXCHANGE_SCREENSHOTS"], switches);
        Assert.Contains("`EXCHANGE_SCREENSHOTS=1` is the one switch for screenshots", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));
    }

    [GeneratedRegex("\"(EXCHANGE_[A-Z_]*SCREENSHOTS[A-Z_]*)\"")]
    private static partial Regex Switch();
}
