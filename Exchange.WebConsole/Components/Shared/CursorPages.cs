namespace Exchange.WebConsole.Components.Shared;

/// <summary>The cursors a paged list was reached by: the API pages forward only, so going back re-reads a remembered cursor.</summary>
/// <typeparam name="TCursor">The API's cursor (a number or an opaque string).</typeparam>
public sealed class CursorPages<TCursor>
{
    private readonly Stack<TCursor?> _before = new();

    public TCursor? Current { get; private set; }

    public TCursor? NextCursor { get; set; }

    public int Page => _before.Count + 1;

    public bool HasPrevious => _before.Count > 0;

    public bool HasNext => NextCursor is not null;

    public void Forward()
    {
        _before.Push(Current);
        Current = NextCursor;
    }

    public void Back() => Current = _before.Pop();

    public void Reset()
    {
        _before.Clear();
        Current = default;
        NextCursor = default;
    }
}
