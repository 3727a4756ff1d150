namespace Exchange.WebConsole;

/// <param name="OperatorId">The platform operator, who exists on every exchange.</param>
public sealed record ConsoleOptions(Guid OperatorId);
