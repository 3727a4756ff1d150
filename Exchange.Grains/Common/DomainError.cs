namespace Exchange.Grains.Common;

/// <summary>What kind of failure a rule reports: decides the HTTP status the API maps it to.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    RuleViolated,
}

/// <summary>A stable identifier of one domain rule, published as the ProblemDetails <c>type</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record DomainError([property: Id(0)] string Code, [property: Id(1)] ErrorKind Kind, [property: Id(2)] string Title)
{
    public string TypeUri => "https://exchange.example/problems/" + Code;
}
