using Exchange.Grains.Common;

namespace Exchange.Api.Ledger;

public static class Pagination
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (long After, int Limit) Validate(long? after, int? limit)
    {
        var a = after ?? 0;
        var l = limit ?? DefaultLimit;
        if (a < 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The cursor 'after' cannot be negative.", "after");
        }
        if (l is < 1 or > MaxLimit)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The page size 'limit' is between 1 and {MaxLimit}.", "limit");
        }
        return (a, l);
    }
}
