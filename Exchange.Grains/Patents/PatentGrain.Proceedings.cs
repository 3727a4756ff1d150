using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>What courts and the office have pending on the patent: a preservation order, an invalidation request (<see cref="IPatentGrain"/>).</summary>
internal sealed partial class PatentGrain
{
    public async Task<PatentSnapshot> RecordPreservationOrder(string? courtReference, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Facts.Record;
        var reference = courtReference is null ? null : PatentRules.Reference(courtReference, "courtReference", "court's order reference");
        if (State.PreservationOrder == reference)
        {
            return Snapshot();
        }
        var action = reference is null ? $"preservation-lifted:{Now.UtcTicks}" : $"preservation-ordered:{Now.UtcTicks}";
        var details = reference is null ? $"preservation order {State.PreservationOrder} lifted" : $"frozen by the court's preservation order {reference}";
        State.PreservationOrder = reference;
        await _runner.CommitAsync(Audit(action, actor, details));
        return Snapshot();
    }

    public async Task<PatentSnapshot> RecordInvalidationRequest(string? requestReference, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Facts.Record;
        var reference = requestReference is null ? null : PatentRules.Reference(requestReference, "requestReference", "invalidation request reference");
        if (State.InvalidationRequest == reference)
        {
            return Snapshot();
        }
        var action = reference is null ? $"invalidation-request-ended:{Now.UtcTicks}" : $"invalidation-requested:{Now.UtcTicks}";
        var details = reference is null ? $"invalidation request {State.InvalidationRequest} withdrawn" : $"invalidation request {reference} pending";
        State.InvalidationRequest = reference;
        await _runner.CommitAsync(Audit(action, actor, details));
        return Snapshot();
    }
}
