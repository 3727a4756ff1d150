namespace Exchange.Grains.Licenses;

public enum LicenseTrigger
{
    /// <summary>The draft is submitted: its scope is claimed on the patents and consents are asked for.</summary>
    Submit = 0,
    /// <summary>Every required consent is in: the licence takes effect.</summary>
    Activate = 1,
    /// <summary>Royalties unpaid past the grace period.</summary>
    Default = 2,
    /// <summary>The arrears are paid.</summary>
    Cure = 3,
    Terminate = 4,
    Expire = 5,

    // Checks, not moves (internal transitions): where the licence's status allows the act.

    /// <summary>A co-owner consents: while consents are pending and the term has not run out.</summary>
    Consent = 10,
    /// <summary>Net sales are reported or a royalty paid: for every period the licence was in effect, also after it ended.</summary>
    Report = 11,
    /// <summary>The licence is filed with the patent office: while it is in effect.</summary>
    File = 12,
}
