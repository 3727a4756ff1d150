namespace Exchange.Grains.Lists;

/// <summary>Reads the lists (any silo, no state): the API asks it for a page of one kind of object.</summary>
[Alias("exchange.directory")]
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("list")]
    Task<DirectoryPage> List(DirectoryQuery query);
}
