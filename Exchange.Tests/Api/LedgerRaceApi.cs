using System.Reflection;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Exchange.Tests.Api;

/// <summary>
/// The API on the in-memory store, with every ledger commit held back a moment, so that copies of one request sent
/// together all pass the Idempotency-Key lookup before the first of them has committed: the race that only the
/// ledger's own check can decide. (Without the pause the first copy often finishes before the others arrive, and
/// the lookup alone answers them.)
/// </summary>
public sealed class LedgerRaceApi : ApiFactoryBase
{
    private static readonly TimeSpan CommitPause = TimeSpan.FromMilliseconds(40);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddExchangeStore(PausingStore.Around(new InMemoryExchangeStore())));
    }

    /// <summary>Forwards every call to the store inside; ledger commits after a pause.</summary>
    public class PausingStore : DispatchProxy
    {
        private IExchangeStore _inner = null!;

        public static IExchangeStore Around(IExchangeStore inner)
        {
            var proxy = Create<IExchangeStore, PausingStore>();
            ((PausingStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(ILedgerStore.CommitAsync))
            {
                return PauseThenCommitAsync(args!);
            }
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        private async Task<Grains.Ledger.CommitOutcome> PauseThenCommitAsync(object?[] args)
        {
            await Task.Delay(CommitPause);
            return await _inner.CommitAsync((Grains.Ledger.LedgerCommit)args[0]!, (CancellationToken)args[1]!);
        }
    }
}
