namespace Exchange.Grains.Licenses;

/// <summary>
/// Licence types (Supreme People's Court technology-contract interpretation, Art. 25): exclusive — one
/// licensee, not even the owner may use it; sole — one licensee, the owner may still use it; ordinary — any
/// number of licensees, and the type to assume when a contract is unclear.
/// </summary>
public enum LicenseType
{
    Ordinary = 0,
    Sole = 1,
    Exclusive = 2,
}
