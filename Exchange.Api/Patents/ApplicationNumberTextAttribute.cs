namespace Exchange.Api.Patents;

/// <summary>Declares a field or parameter as an application number (<see cref="ApplicationNumberSchema"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ApplicationNumberTextAttribute : TextAttribute
{
    public ApplicationNumberTextAttribute() : base(ApplicationNumberSchema.MaxLength) => Pattern = ApplicationNumberSchema.Pattern;
}
