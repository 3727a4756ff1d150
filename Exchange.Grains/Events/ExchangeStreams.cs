namespace Exchange.Grains.Events;

/// <summary>Pinned stream names: the provider and the namespaces consumers subscribe to implicitly.</summary>
public static class ExchangeStreams
{
    public const string Provider = "exchange-events";
    public const string LicenseNamespace = "license-events";
}
