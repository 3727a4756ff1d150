using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Grains.Common;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Asserts that a refusal speaks the domain, not the code: its detail and every field error are free of .NET type
/// names, framework and serializer phrases, and the names of the lifecycles' triggers and statuses.
/// </summary>
public static partial class ReadableProblems
{
    private static readonly string[] CodeFragments =
    [
        "Exchange.", "System.", "Microsoft.", "Nullable", "`1", "<", "trigger", "Trigger", "Stateless", ".NET", "Path: $", "LineNumber", "BytePosition",
        "could not be converted", "could not be mapped", "deserializ", "constructor parameter", "Failed to bind", "Implicit body", "Did you mean",
        "No valid leaving transitions", "rfc9110", "Decimal", "Int32", "Int64", "String[]", "Guid", "DateOnly", "cannot take",
    ];

    /// <summary>Every name of the grains' lifecycle triggers, decisions and statuses made of more than one word ("AcceptCounter", "FundsInEscrow").</summary>
    private static readonly string[] LifecycleNames = typeof(DomainErrors).Assembly.GetTypes()
        .Where(t => t.IsEnum && (t.Name.EndsWith("Trigger", StringComparison.Ordinal) || t.Name.EndsWith("Status", StringComparison.Ordinal) || t.Name == "KycDecision"))
        .SelectMany(Enum.GetNames)
        .Where(n => HumpedIdentifier().IsMatch(n))
        .Distinct()
        .ToArray();

    /// <summary>The problem's detail and field errors, each checked; returns the problem for further assertions.</summary>
    public static JsonElement AssertReadable(this JsonElement problem)
    {
        var texts = new List<string> { problem.GetProperty("detail").GetString() ?? "" };
        if (problem.TryGetProperty("errors", out var errors))
        {
            texts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString() ?? ""));
        }
        foreach (var text in texts)
        {
            AssertReadable(text);
        }
        return problem;
    }

    /// <summary>One message, checked.</summary>
    public static void AssertReadable(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), "a refusal says why");
        foreach (var fragment in CodeFragments)
        {
            Assert.False(text.Contains(fragment, StringComparison.Ordinal), $"\"{fragment}\" in: {text}");
        }
        foreach (var name in LifecycleNames)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{name}\b"), $"lifecycle name {name} in: {text}");
        }
        Assert.False(HumpedIdentifier().IsMatch(text), $"an identifier in: {text}");
    }

    /// <summary>Asserts that <c>errors</c> names the field and returns its first message.</summary>
    public static string FieldError(this JsonElement problem, string field)
    {
        var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var named) ? named : default;
        Assert.True(messages.ValueKind == JsonValueKind.Array, $"errors name '{field}': {problem}");
        return messages[0].GetString()!;
    }

    /// <summary>A PascalCase identifier of two words or more: "AcceptCounter", "MoneyMovementRequest".</summary>
    [GeneratedRegex(@"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex HumpedIdentifier();
}
