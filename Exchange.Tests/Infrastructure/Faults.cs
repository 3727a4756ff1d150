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
