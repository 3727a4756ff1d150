namespace Exchange.Grains.Pools;

/// <summary>Where a pool is in its life (domain.md §7); stored by number, so values are never reused.</summary>
public enum PoolStatus
{
    /// <summary>The originator assigns receivables and sets the terms; nothing is offered yet.</summary>
    Structuring = 0,

    /// <summary>The window is open: qualified investors subscribe, their money held in escrow.</summary>
    Subscription = 1,

    /// <summary>Issued: the units are held, royalties arrive in the collection account, the normal waterfall pays them.</summary>
    Active = 2,

    /// <summary>A trigger held: the accelerated waterfall sends the cash to senior principal first.</summary>
    Accelerated = 3,

    /// <summary>The originator exercised the clean-up call and paid off the outstanding principal; winding up.</summary>
    Called = 4,

    /// <summary>The last distribution date passed (or every unit was repaid); winding up.</summary>
    Redeemed = 5,

    /// <summary>Wound up: what was left paid out, the receivables' royalties back to their owners; final.</summary>
    Closed = 6,

    /// <summary>Withdrawn by the originator, or undersubscribed: every subscriber refunded in full; final.</summary>
    Cancelled = 7,
}

/// <summary>What moves a pool from one status to another.</summary>
public enum PoolTrigger
{
    AssignReceivable = 0,
    OpenSubscription = 1,
    Subscribe = 2,
    Issue = 3,
    Cancel = 4,
    Distribute = 5,
    Accelerate = 6,
    Cure = 7,
    Call = 8,
    Redeem = 9,
    Close = 10,
}

/// <summary>
/// A command a pool takes now, as its lifecycle says (<see cref="PoolLifecycle.ActionsNow"/>): the snapshot lists them, so
/// a client offers only what would be taken. Who may ask is the command's own check. Stored by number.
/// </summary>
public enum PoolAction
{
    AssignReceivable = 0,
    OpenSubscription = 1,
    Subscribe = 2,

    /// <summary>The window has closed: the pool is issued, or cancelled as undersubscribed.</summary>
    CloseSubscription = 3,
    Cancel = 4,

    /// <summary>Run the distribution dates that have come (none may have yet).</summary>
    Distribute = 5,
    Call = 6,

    /// <summary>Offer, accept and (where the book runs) order units.</summary>
    Trade = 7,
}
