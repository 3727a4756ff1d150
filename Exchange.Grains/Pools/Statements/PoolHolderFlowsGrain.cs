using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>Storage shape of a pool's postings to its holders.</summary>
internal sealed class PoolHolderFlowsRecord
{
    public const int CurrentSchema = 1;

    /// <summary>The issue, each distribution date, the clean-up call and the winding up.</summary>
    public const int MaxPostings = PoolStructure.MaxDistributionDates + 3;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public List<PoolHolderFlows> Postings { get; set; } = [];
}

[GrainType("pool-holder-flows")]
internal sealed class PoolHolderFlowsGrain(
    [PersistentState(StateNames.PoolHolderFlows, StateNames.StorageProvider)] IPersistentState<PoolHolderFlowsRecord> record)
    : Grain, IPoolHolderFlowsGrain
{
    public async Task Record(PoolHolderFlows flows)
    {
        if (record.State.Postings.Any(p => p.Id == flows.Id))
        {
            return;
        }
        if (record.State.Postings.Count >= PoolHolderFlowsRecord.MaxPostings)
        {
            // A pool has at most 40 dates: more postings than that is a fault upstream, refused (and set aside by the
            // pool's follow-ups, logged) rather than grown without bound.
            throw new DomainException(DomainErrors.InvalidInput, $"Pool {this.GetPrimaryKey()} would keep more than {PoolHolderFlowsRecord.MaxPostings} postings to its holders.");
        }
        record.State.Postings.Add(flows);
        await record.WriteStateAsync();
    }

    public Task<IReadOnlyList<PoolCashFlow>> GetFlows(Guid investorId) =>
        Task.FromResult(PoolCashFlows.Merge([], record.State.Postings.SelectMany(p => p.For(investorId))));
}
