using System.Text;

namespace Exchange.WebConsole.Client;

/// <summary>
/// One operation of the REST API the console calls: its operation id, method and path template as the OpenAPI
/// document states them, and the query parameters the console may send. Every request the client makes is built
/// from one of these, so the test that holds them against the document covers every call.
/// </summary>
public sealed record ApiRoute(string OperationId, string Method, string Template, params string[] Query)
{
    public bool IsCommand => Method != "GET";

    /// <summary>Whether the operation takes an Idempotency-Key: every command but the few that change nothing (minting a development token).</summary>
    public bool Keyed { get; init; } = Method != "GET";

    /// <summary>The path with its placeholders replaced in order, and the query values that are set.</summary>
    public string Resolve(IReadOnlyList<string> pathValues, IReadOnlyDictionary<string, string?>? query = null)
    {
        var path = new StringBuilder();
        var next = 0;
        for (var i = 0; i < Template.Length; i++)
        {
            if (Template[i] != '{')
            {
                path.Append(Template[i]);
                continue;
            }
            var end = Template.IndexOf('}', i);
            if (next >= pathValues.Count)
            {
                throw new ArgumentException($"{OperationId} takes a value for {Template[i..(end + 1)]}.", nameof(pathValues));
            }
            path.Append(Uri.EscapeDataString(pathValues[next++]));
            i = end;
        }
        if (next != pathValues.Count)
        {
            throw new ArgumentException($"{OperationId} takes {next} path values, not {pathValues.Count}.", nameof(pathValues));
        }
        var separator = '?';
        foreach (var (name, value) in query ?? new Dictionary<string, string?>())
        {
            if (!Query.Contains(name))
            {
                throw new ArgumentException($"{OperationId} takes no query parameter '{name}'.", nameof(query));
            }
            if (value is not null)
            {
                path.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }
        return path.ToString();
    }
}
