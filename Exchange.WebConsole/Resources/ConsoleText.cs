namespace Exchange.WebConsole.Resources;

/// <summary>The console's texts: <c>ConsoleText.resx</c> (English) and <c>ConsoleText.zh-CN.resx</c> (Chinese, the default).</summary>
public sealed class ConsoleText;
