namespace Exchange.Api.Infrastructure.OpenApi;

// What the server enforces on a contract's field, declared beside the field for the OpenAPI document
// (ConstraintsSchemaFilter). Each takes its numbers from the constant the validating rule uses. They validate
// nothing themselves: the rules in Exchange.Grains (and the API's own checks) do.

/// <summary>
/// Free text (a name, a title, a reference): at most <see cref="MaxLength"/> characters, no control characters
/// (<see cref="TextPatterns"/>), and not empty unless <see cref="Optional"/>. A <see cref="Pattern"/> replaces the
/// printable-text pattern for codes with a shape of their own.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;

    public bool Optional { get; init; }

    public bool Multiline { get; init; }

    /// <summary>False where the server takes any characters (a memo): no pattern is declared then.</summary>
    public bool Printable { get; init; } = true;

    public string? Pattern { get; init; }
}

/// <summary>A list of <see cref="MinItems"/>–<see cref="MaxItems"/> entries; string entries may be limited too.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemsAttribute(int minItems, int maxItems) : Attribute
{
    public int MinItems { get; } = minItems;

    public int MaxItems { get; } = maxItems;

    /// <summary>The longest string entry, 0 for entries that are not strings.</summary>
    public int ItemMaxLength { get; init; }

    /// <summary>The shape of a string entry, where the server checks one.</summary>
    public string? ItemPattern { get; init; }
}

/// <summary>An amount in CNY: exact to the fen, at most the exchange's limit (<see cref="Grains.Common.Money.MaxFen"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class YuanAttribute : Attribute
{
    /// <summary>Zero is accepted (a fee or a minimum royalty may be nothing); otherwise the amount is positive.</summary>
    public bool AllowZero { get; init; }

    /// <summary>Any amount within the limit, negative ones too (a price bound of a search).</summary>
    public bool Signed { get; init; }
}

/// <summary>A percentage with at most two decimals, from 0 (or above 0) to <see cref="Maximum"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PercentAttribute(double maximum) : Attribute
{
    public double Maximum { get; } = maximum;

    public bool AboveZero { get; init; }
}

/// <summary>A whole number from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WholeAttribute(long minimum, long maximum) : Attribute
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;
}

/// <summary>A whole number that is one of the values a static list of <see cref="Owner"/> holds.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(Type owner, string listName) : Attribute
{
    public Type Owner { get; } = owner;

    public string ListName { get; } = listName;

    public IReadOnlyList<int> Values => (IReadOnlyList<int>)(Owner.GetField(ListName)?.GetValue(null) ?? Owner.GetProperty(ListName)?.GetValue(null)
        ?? throw new InvalidOperationException($"{Owner.Name}.{ListName} is not a static list of whole numbers."));
}

/// <summary>A query value naming a member of <see cref="EnumType"/>, written as the JSON bodies write it ("ordinary").</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EnumNamesAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}

/// <summary>A query value that is one of a few words ("owner", "agency"), as the endpoint checks it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}
