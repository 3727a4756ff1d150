using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Storage;
using Orleans.Serialization;

namespace Exchange.Grains.Hosting;

/// <summary>
/// The one place that guarantees nothing Orleans cannot serialize leaves a grain call: the stores already throw the
/// exchange's own <see cref="StorageUnavailableException"/>, and this filter catches what they could not (a driver
/// exception raised elsewhere, or one wrapped by Orleans), turning an infrastructure fault into that exception and any
/// other exception without a codec into <see cref="InternalFaultException"/> (logged here, with its stack, once per
/// window). Without it the caller gets Orleans' CodecNotFoundException instead, and the silo logs a stack per request.
/// The exchange's own exceptions and those Orleans can carry pass unchanged.
/// </summary>
internal sealed class GrainBoundaryFilter(Serializer serializer, OutageLog outages) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (Replacement(e) is { } replacement)
        {
            throw replacement;
        }
    }

    private Exception? Replacement(Exception e)
    {
        if (e is DomainException or FollowUpsPendingException or ObjectBusyException or StorageUnavailableException or InternalFaultException)
        {
            return null;
        }
        if (StorageFaults.Find(e) is { } reported)
        {
            // Thrown by a store's boundary, which logged it, and wrapped by Orleans' grain storage bridge.
            return reported;
        }
        if (StorageFaults.Translate(e, "storage") is { } unavailable)
        {
            outages.Report(unavailable.Cause, unavailable.Message);
            return unavailable;
        }
        if (CanCross(e))
        {
            return null;
        }
        var type = e.GetType().FullName ?? e.GetType().Name;
        outages.Report("unserializable " + type, e.ToString());
        return new InternalFaultException(type, e.Message);
    }

    /// <summary>Whether Orleans can carry the exception, inner exceptions and all, to the caller.</summary>
    private bool CanCross(Exception e)
    {
        try
        {
            serializer.SerializeToArray<Exception>(e);
            return true;
        }
        catch (CodecNotFoundException)
        {
            return false;
        }
    }
}
