namespace Exchange.Api.Infrastructure;

public static class ApiLimits
{
    /// <summary>No command needs more; a larger body is refused with 413 before it is read.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;
}
