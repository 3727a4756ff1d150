using System.Xml.Linq;
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

    private static string[] Names(string file) =>
        [.. XDocument.Load(Path.Combine(RepositoryRoot.Path, "Exchange.WebConsole", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
}
