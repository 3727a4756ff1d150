using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Exchange.WebConsole.Client;

/// <summary>
/// Where the console reaches the REST API: <c>Console:ApiBaseAddress</c> when set, otherwise the address this very
/// server listens on (the console is served beside the API and calls it over HTTP like any other client).
/// </summary>
public sealed class ApiAddress(IConfiguration configuration, IServer server)
{
    private Uri? _resolved;

    public Uri BaseAddress => _resolved ??= Resolve();

    private Uri Resolve()
    {
        if (configuration["Console:ApiBaseAddress"] is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address; set Console:ApiBaseAddress.");
        // A wildcard binding (0.0.0.0, [::], +, *) is reached on the loopback interface.
        var uri = new UriBuilder(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri;
    }
}
