using System.Net;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.OpenApi;

/// <summary>The guard that holds the HTTP tests to the document notices a refusal the document does not declare.</summary>
public sealed class ProblemContractGuardTests
{
    /// <summary>As if GetTransfer had declared none of its refusals.</summary>
    private sealed class UndeclaringApi : ApiFactoryBase
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ProblemContractGuard(declared => declared.Without("GetTransfer"))));
        }
    }

    [Fact]
    public async Task ARefusalTheDocumentDoesNotDeclare_IsFlagged_AndADeclaredOneIsNot()
    {
        await using var undeclaring = new UndeclaringApi();
        await undeclaring.InitializeAsync();
        using var client = await undeclaring.OperatorAsync();

        var missing = await client.GetAsync($"/api/transfers/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("GetTransfer answered 404 https://exchange.example/problems/transfer-not-found",
            Assert.Single(missing.Headers.GetValues(ProblemContractGuard.ViolationHeader)));

        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var declaring = await api.OperatorAsync();
        await (await declaring.GetAsync($"/api/transfers/{Guid.NewGuid()}")).AssertProblemAsync(404, "transfer-not-found");
    }
}
