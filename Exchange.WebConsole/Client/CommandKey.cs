namespace Exchange.WebConsole.Client;

/// <summary>
/// The Idempotency-Key of one user action. The same action sent again (a retry after a lost answer or a
/// <c>503 follow-ups-pending</c>, a second click) reuses it, so the exchange applies it once and replays its answer;
/// a changed request (another amount) is another action and takes a new key, as does the next action after a success.
/// </summary>
public sealed class CommandKey
{
    private string? _key;
    private string? _body;

    public string For(string body)
    {
        if (_key is null || body != _body)
        {
            _key = "console-" + Guid.NewGuid().ToString("N");
            _body = body;
        }
        return _key;
    }

    /// <summary>The action succeeded: whatever the user does next is a new action.</summary>
    public void Completed()
    {
        _key = null;
        _body = null;
    }
}
