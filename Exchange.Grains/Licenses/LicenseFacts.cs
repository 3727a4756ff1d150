namespace Exchange.Grains.Licenses;

/// <summary>What follows from a licence's stored state: its snapshot, given its patents' current owners.</summary>
internal static class LicenseFacts
{
    public static bool NeedsConsents(LicenseAgreement agreement) => agreement.Terms.Type != LicenseType.Ordinary;

    public static LicenseSnapshot Snapshot(Guid id, LicenseState state, IReadOnlyList<Guid> currentOwners, DateOnly today)
    {
        var a = state.Draft!;
        var deadline = state.EffectiveOn is { } effective ? LicensePeriods.FilingDeadline(effective) : (DateOnly?)null;
        return new LicenseSnapshot(id, a.ApplicationNumbers, currentOwners, a.Licensee, a.Terms, state.Scope!, state.Status,
            NeedsConsents(a) ? currentOwners : [], state.Consents.ToArray(), state.Invoices.ToArray(), state.EffectiveOn, deadline,
            state.FiledOn, state.FilingReference, state.FiledOn is null && deadline is { } d && today > d, state.RoyaltyAssignment,
            state.EndReason, state.RightsEndedOn, [.. state.InvalidatedPatents.Keys], state.RoyaltiesPledgedTo, state.RoyaltiesPooledIn);
    }
}
