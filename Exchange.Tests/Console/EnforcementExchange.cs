using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Exchange.Tests.Console;

/// <summary>
/// The exchange of the console's enforcement journey, in memory on a real port: its business clock runs at real speed
/// from a point the journey moves on (<see cref="StaffExchanges.MovedClock"/>: past a loan's due date and grace days),
/// and its pledges' daily due-date check is held back (<see cref="PledgeDueDateCheckHeldBack"/>), so that the default is
/// the bank's own declaration on the pledge's page. The check's own default is <c>PledgeJourneyTests</c>'.
/// </summary>
public sealed class EnforcementExchange : ApiFactoryBase
{
    public EnforcementExchange()
    {
        Port = FreePort.Next();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://localhost:{Port}";

    public StaffExchanges.MovedClock Clock { get; } = new();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// As <see cref="StaffExchanges"/> stops its servers: a shutdown that outlasts the host's timeout on a loaded machine
    /// (its silo still deactivating grains) is abandoned, as the process ends anyway and the journey's result is in.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting for its own shutdown (see above).
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Started beside the other journeys on two cores: a 5 s budget meant for a user's request timed its start out.
        builder.UseSetting("Exchange:Api:CallTimeout", "00:00:30");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services.AddSingleton<IIncomingGrainCallFilter, PledgeDueDateCheckHeldBack>();
        });
    }

    /// <summary>
    /// Orleans ticks a pledge's reminder a minute (real time) after the application, whenever that falls in the journey:
    /// after the clock moved past the grace days it would default the loan itself and take the bank's button away.
    /// This exchange answers the tick as done without letting it reach the pledge; every other call passes.
    /// </summary>
    private sealed class PledgeDueDateCheckHeldBack : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is IPledgeGrain && context.InterfaceMethod?.Name == nameof(IRemindable.ReceiveReminder))
            {
                context.Response = Orleans.Serialization.Invocation.Response.Completed;
                return Task.CompletedTask;
            }
            return context.Invoke();
        }
    }
}
