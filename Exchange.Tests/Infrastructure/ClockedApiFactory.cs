using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Exchange.Tests.Infrastructure;

/// <summary>The API and its silo on a fake business clock the test moves (quarters of royalties, months of a loan); Orleans' own loops keep real time.</summary>
public sealed class ClockedApiFactory(FakeTimeProvider clock) : ApiFactoryBase
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
    }
}
