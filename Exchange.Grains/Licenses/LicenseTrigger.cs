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
}
