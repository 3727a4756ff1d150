using Exchange.Grains.Lists;

namespace Exchange.Grains.Storage;

/// <summary>The entries of the lists (<see cref="DirectoryEntry"/>): one per object, with the parties it concerns.</summary>
public interface IDirectoryStore
{
    /// <summary>Writes the object's entry: its current parties replace the earlier ones, lasting parties are kept.</summary>
    Task UpsertDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken = default);

    Task<DirectoryPage> ListDirectoryAsync(DirectoryQuery query, CancellationToken cancellationToken = default);
}
