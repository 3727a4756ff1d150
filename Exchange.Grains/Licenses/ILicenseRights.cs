namespace Exchange.Grains.Licenses;

/// <summary>
/// What other objects of the exchange do to a licence's rights: its patents ending, its royalties assigned to a
/// pool or a pledgee. The calls of grains, never of the API; each is idempotent, because callers make them as
/// follow-ups that may be repeated.
/// </summary>
[Alias("exchange.license-rights")]
public interface ILicenseRights : IGrainWithGuidKey
{
    /// <summary>
    /// A licensed patent was declared invalid on <paramref name="invalidatedOn"/> (Patent Law 2020 Art. 47): it no
    /// longer earns royalties after that day; with no licensed patent left, the licence terminates and no royalty is
    /// due for the time after it. Royalties already paid are not refunded.
    /// </summary>
    [Alias("patent-invalidated")]
    Task PatentInvalidated(string applicationNumber, DateOnly invalidatedOn);

    /// <summary>
    /// Directs the royalties to a pool's collection account or a pledgee in default, ahead of the owners. One
    /// assignment at a time; the pool and pledge slices make and end them.
    /// </summary>
    [Alias("assign-royalties")]
    Task<LicenseSnapshot> AssignRoyalties(RoyaltyAssignment assignment, Common.Actor actor);

    [Alias("end-royalty-assignment")]
    Task<LicenseSnapshot> EndRoyaltyAssignment(Common.Actor actor);

    /// <summary>
    /// A pledge takes (or lets go of) the licence's royalty receivable as collateral. False when another pledge holds
    /// it already: the second pledge's review then refuses it (royalties-already-assigned).
    /// </summary>
    [Alias("pledge-royalties")]
    Task<bool> PledgeRoyalties(Guid pledgeId, bool held);

    /// <summary>
    /// A securitization pool takes (or lets go of) the licence's royalty receivable, from its assignment while the pool
    /// is structured until the pool is cancelled or closed. False when a pledge or another pool holds it already: the
    /// pool then refuses to open for subscription, naming that holder.
    /// </summary>
    [Alias("pool-royalties")]
    Task<bool> PoolRoyalties(Guid poolId, bool held);
}
