namespace Exchange.Grains.Licenses;

public enum LicenseStatus
{
    Draft = 0,
    ConsentsPending = 1,
    Active = 2,
    Suspended = 3,
    Terminated = 4,
    Expired = 5,
}
