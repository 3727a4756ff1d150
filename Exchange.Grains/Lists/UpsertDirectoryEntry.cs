using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Lists;

/// <summary>The object's entry in the lists follows its state; a repeat writes the same entry.</summary>
internal sealed record UpsertDirectoryEntry(DirectoryEntry Entry) : FollowUp
{
    public override string Id => $"directory:{Entry.Kind}:{Entry.ObjectId}:{Entry.UpdatedAt.UtcTicks}";

    public override Task RunAsync(FollowUpContext context) => context.Directory.UpsertDirectoryEntryAsync(Entry);
}
