using Orleans.Storage;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Grain storage with faults a test can arm on a grain's next write: <see cref="BeforeWrite"/> fails without writing
/// (the database refused), <see cref="AfterWrite"/> writes and then fails (the write reached the database, its answer
/// was lost), the two situations after which a grain's memory may be ahead of storage; <see cref="Read"/> fails a read
/// (an activation's, or a reload's).
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, Faults faults) : IGrainStorage
{
    public const string BeforeWrite = "grain-write-before";
    public const string AfterWrite = "grain-write-after";
    public const string Read = "grain-read";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(Read, grainId.ToString());
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(BeforeWrite, grainId.ToString());
        await inner.WriteStateAsync(stateName, grainId, grainState);
        faults.Check(AfterWrite, grainId.ToString());
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
