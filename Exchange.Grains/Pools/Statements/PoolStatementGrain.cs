using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>Storage shape of an investor's flows in a pool.</summary>
internal sealed class PoolStatementRecord
{
    public const int CurrentSchema = 1;

    /// <summary>An investor's own flows in one pool: its trades and fills (and, in statements written before the pool kept its postings to every holder, its dates).</summary>
    public const int MaxFlows = 2_000;

    public int SchemaVersion { get; set; } = CurrentSchema;
    public List<PoolCashFlow> Flows { get; set; } = [];
}

[GrainType("pool-statement")]
internal sealed class PoolStatementGrain(
    [PersistentState(StateNames.PoolStatement, StateNames.StorageProvider)] IPersistentState<PoolStatementRecord> statement)
    : Grain, IPoolStatementGrain
{
    public async Task Record(IReadOnlyList<PoolCashFlow> flows)
    {
        var known = statement.State.Flows.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var added = flows.Where(f => known.Add(f.Id)).ToArray();
        if (added.Length == 0)
        {
            return;
        }
        if (statement.State.Flows.Count + added.Length > PoolStatementRecord.MaxFlows)
        {
            // A statement that dropped a flow would misstate the return; the pool's limits keep an investor far below this.
            // A domain refusal, so the pool sets this notice aside (logged) instead of retrying it for ever and blocking every holder.
            throw new DomainException(DomainErrors.InvalidInput, $"Statement {this.GetPrimaryKeyString()} would hold more than {PoolStatementRecord.MaxFlows} flows.");
        }
        statement.State.Flows.AddRange(added);
        statement.State.Flows.Sort((a, b) => a.On != b.On ? a.On.CompareTo(b.On) : string.CompareOrdinal(a.Id, b.Id));
        await statement.WriteStateAsync();
    }

    /// <summary>The investor's own flows (trades) with its lines in the pool's postings to every holder.</summary>
    public async Task<IReadOnlyList<PoolCashFlow>> GetFlows()
    {
        var (poolId, investorId) = PoolStatementKey.Parse(this.GetPrimaryKeyString());
        var shared = await GrainFactory.GetGrain<IPoolHolderFlowsGrain>(poolId).GetFlows(investorId);
        return PoolCashFlows.Merge(statement.State.Flows, shared);
    }
}
