namespace Exchange.Tests.Infrastructure;

/// <summary>Faults a test arms for one object; each trips once, at the next matching call, then is gone.</summary>
public sealed class Faults
{
    private readonly List<(string Kind, Func<string, bool> Matches, Func<string, Exception>? Fault)> _armed = [];
    private int _tripped;

    public int Tripped => Volatile.Read(ref _tripped);

    /// <param name="fault">What to throw (given the key); an <see cref="InjectedFaultException"/> by default.</param>
    public void ArmOnce(string kind, Func<string, bool> matches, Func<string, Exception>? fault = null)
    {
        lock (_armed)
        {
            _armed.Add((kind, matches, fault));
        }
    }

    private readonly List<(string Kind, Func<string, bool> Matches, Task Until)> _holds = [];

    /// <summary>Holds the next matching call (of stores that ask, <see cref="HeldUntil"/>) until <paramref name="until"/> completes: a database that stopped answering.</summary>
    public void HoldOnce(string kind, Func<string, bool> matches, Task until)
    {
        lock (_holds)
        {
            _holds.Add((kind, matches, until));
        }
    }

    /// <summary>What the call must wait for before it proceeds, once, or null.</summary>
    public Task? HeldUntil(string kind, string key)
    {
        lock (_holds)
        {
            var index = _holds.FindIndex(h => h.Kind == kind && h.Matches(key));
            if (index < 0)
            {
                return null;
            }
            var until = _holds[index].Until;
            _holds.RemoveAt(index);
            return until;
        }
    }

    /// <summary>Throws once for the first armed fault of the kind that matches the key.</summary>
    public void Check(string kind, string key)
    {
        Func<string, Exception>? fault;
        lock (_armed)
        {
            var index = _armed.FindIndex(f => f.Kind == kind && f.Matches(key));
            if (index < 0)
            {
                return;
            }
            fault = _armed[index].Fault;
            _armed.RemoveAt(index);
        }
        Interlocked.Increment(ref _tripped);
        throw fault?.Invoke(key) ?? new InjectedFaultException($"injected {kind} fault for {key}");
    }
}

[GenerateSerializer]
public sealed class InjectedFaultException(string message) : Exception(message);
