namespace Exchange.Grains.Participants;

/// <summary>What a participant may do on the exchange (domain.md §1); a participant may hold several roles.</summary>
[Flags]
public enum ParticipantRoles
{
    None = 0,
    Operator = 1 << 0,
    Regulator = 1 << 1,
    Agency = 1 << 2,
    Owner = 1 << 3,
    Licensee = 1 << 4,
    Investor = 1 << 5,
    Pledgee = 1 << 6,
    FundManager = 1 << 7,
    LimitedPartner = 1 << 8,
    VoucherIssuer = 1 << 9,
    VoucherHolder = 1 << 10,
}
