namespace Exchange.Grains.Common;

/// <summary>
/// A broken business rule. <see cref="Error"/> carries the stable problem type clients branch on; the message
/// names the objects and amounts involved so an operator can act on it without reading logs.
/// </summary>
[GenerateSerializer]
public sealed class DomainException : Exception
{
    public DomainException(DomainError error, string message, string? field = null) : base(message)
    {
        Error = error;
        Field = field;
    }

    [Id(0)]
    public DomainError Error { get; }

    /// <summary>The request field at fault, for input errors; the API reports it as a field error.</summary>
    [Id(1)]
    public string? Field { get; }
}
