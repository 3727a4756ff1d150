using Exchange.Grains.Storage;
using Orleans.Concurrency;

namespace Exchange.Grains.Lists;

[StatelessWorker]
[GrainType("directory")]
internal sealed class DirectoryGrain(IDirectoryStore store) : Grain, IDirectoryGrain
{
    public Task<DirectoryPage> List(DirectoryQuery query) => store.ListDirectoryAsync(query);
}
