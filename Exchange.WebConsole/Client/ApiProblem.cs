namespace Exchange.WebConsole.Client;

/// <summary>
/// A refusal as the API states it (RFC 9457 ProblemDetails): its type names the rule, its detail says what happened,
/// and <see cref="Errors"/> is keyed by the field's JSON path (<c>amount</c>, <c>memo</c>) or the parameter.
/// A <see cref="Status"/> of 0 means the exchange did not answer at all.
/// </summary>
public sealed record ApiProblem(int Status, string Type, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public const string TypePrefix = "https://exchange.example/problems/";

    /// <summary>The rule's name: the last segment of the type (<c>insufficient-funds</c>).</summary>
    public string Code => Type.StartsWith(TypePrefix, StringComparison.Ordinal) ? Type[TypePrefix.Length..] : Type;

    public static ApiProblem Unreachable(string detail) => new(0, "unreachable", "The exchange did not answer.", detail, new Dictionary<string, string[]>());

    /// <summary>The messages for one field, matched as the API spells JSON paths (camelCase, any case accepted).</summary>
    public IReadOnlyList<string> For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    /// <summary>The messages that belong to none of the given fields: shown next to the action instead.</summary>
    public IEnumerable<string> Besides(params string[] fields) =>
        Errors.Where(e => !fields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value);
}
