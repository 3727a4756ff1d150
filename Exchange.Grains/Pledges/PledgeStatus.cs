namespace Exchange.Grains.Pledges;

/// <summary>Where a pledge is in its life (domain.md §6); stored by number, so values are never reused.</summary>
public enum PledgeStatus
{
    /// <summary>Applied for by pledgor and pledgee, with the registration documents; not yet taken up for review.</summary>
    Applied = 0,

    /// <summary>Taken up by the operator acting for the patent office, within the review deadline.</summary>
    UnderReview = 1,

    /// <summary>Registered: the pledge exists, the collateral is locked, the loan runs.</summary>
    Registered = 2,

    /// <summary>Refused at review, with reasons; final.</summary>
    Refused = 3,

    /// <summary>Withdrawn by its applicants before a decision; final.</summary>
    Withdrawn = 4,

    /// <summary>The loan repaid in full and the pledge released; final.</summary>
    Released = 5,

    /// <summary>Instalments missed past the grace days.</summary>
    Defaulted = 6,

    /// <summary>Defaulted, and the pledged licences' royalties go to the pledgee until the arrears are paid.</summary>
    RoyaltiesSwept = 7,

    /// <summary>The pledgee enforces: the collateral is being sold through a patent transfer.</summary>
    Enforcing = 8,

    /// <summary>Sold, the proceeds paid out (pledgee first, any surplus to the pledgor); final.</summary>
    Closed = 9,
}

public enum PledgeTrigger
{
    StartReview = 0,
    Register = 1,
    Refuse = 2,
    Withdraw = 3,
    RepayInFull = 4,
    Default = 5,
    SweepRoyalties = 6,
    Cure = 7,
    Enforce = 8,
    Close = 9,
    RecordRepayment = 10,
}
