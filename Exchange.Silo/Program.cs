using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Exchange.Grains.Hosting;

// A silo process of the exchange. In production several of these form one cluster over PostgreSQL
// (deploy/cluster/); the REST API joins them as an Orleans client.
var builder = Host.CreateApplicationBuilder(args);
if (builder.Configuration["config"] is { Length: > 0 } file)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false).AddCommandLine(args);
}
builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
await builder.Build().RunAsync();
