using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>When a registered patent may be traded: confirmed against the office's record and by every owner it names.</summary>
public static class RegistrationRules
{
    /// <summary>Why the patent may not be <paramref name="what"/> ("listed", "licensed") yet, naming what is missing; null when it may.</summary>
    public static DomainException? Refusal(string number, string? officeRecord, IEnumerable<PatentOwner> owners, IEnumerable<Guid>? confirmations, string what)
    {
        var confirmed = confirmations?.ToHashSet() ?? [];
        var unconfirmed = owners.Select(o => o.ParticipantId).Where(o => !confirmed.Contains(o)).ToArray();
        if (officeRecord is null)
        {
            return new DomainException(DomainErrors.RegistrationUnconfirmed,
                $"Patent {number}'s registration is not yet confirmed against the patent office's record; it cannot be {what} until the operator confirms it.");
        }
        return unconfirmed.Length > 0
            ? new DomainException(DomainErrors.RegistrationUnconfirmed, $"Patent {number} cannot be {what} until every owner named has confirmed its ownership; waiting for {string.Join(", ", unconfirmed)}.")
            : null;
    }

    public static void EnsureTradable(this PatentSnapshot patent, string what)
    {
        if (Refusal(patent.ApplicationNumber, patent.OfficeRecord, patent.Owners, patent.OwnerConfirmations, what) is { } refusal)
        {
            throw refusal;
        }
    }
}
