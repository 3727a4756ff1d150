namespace Exchange.WebConsole.Client;

/// <summary>The API refused a request, or did not answer; <see cref="Problem"/> says how.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Detail ?? problem.Title)
{
    public ApiProblem Problem { get; } = problem;
}
