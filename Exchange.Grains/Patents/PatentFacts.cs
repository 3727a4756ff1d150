using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>
/// What follows from a patent's stored state: its next annual fee, the last day of its term, the licence claims it
/// still holds, its snapshot, and the deadlines that have passed. Pure computations over the state, so the grain
/// only checks, moves, writes and answers.
/// </summary>
internal sealed class PatentFacts(PatentState state, string number)
{
    public PatentRecord Record => state.Registration ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");

    public PatentKind BasicKind => ApplicationNumber.Parse(number).BasicKind;

    public NextAnnualFee? NextFee() => AnnualFeeCalculator.NextFee(FeeSchedule.Default, BasicKind, Record.FilingDate, state.GrantDate, state.PaidFeeYears);

    public DateOnly LastDayOfTerm() => PatentTerm.LastDay(BasicKind, Record.FilingDate, state.TermAdjustmentDays);

    public IEnumerable<ClaimedLicense> HeldClaims(DateTimeOffset now) => state.LicenseClaims.Where(c => LicenseClaimRules.IsHeld(c, now));

    public bool IsOwner(Guid participantId) => Record.Owners.Any(o => o.ParticipantId == participantId);

    /// <summary>
    /// The transfer holding the patent at <paramref name="now"/>: a proposal claims it provisionally, and a claim its
    /// transfer never confirmed (the proposal's own write failed) lapses like an unconfirmed licence claim, so no
    /// transfer that does not exist locks the patent.
    /// </summary>
    public Guid? HeldTransfer(DateTimeOffset now) =>
        state.PendingTransfer is { } transfer && (state.PendingTransferConfirmed || now - (state.PendingTransferSince ?? now) < LicenseClaimRules.ProvisionalLifetime)
            ? transfer : null;

    /// <summary>A court's preservation order freezes the patent: it is neither transferred nor pledged while it stands.</summary>
    /// <exception cref="DomainException">patent-under-preservation-order.</exception>
    public void EnsureNotFrozen(string what)
    {
        if (state.PreservationOrder is { } order)
        {
            throw new DomainException(DomainErrors.PatentUnderPreservation, $"Patent {number} is frozen by the court's preservation order {order}; it cannot be {what} until the order is lifted.");
        }
    }

    /// <summary>Confirmed against the office's record and by every owner (<see cref="PatentSnapshot.IsTradable"/>).</summary>
    public void EnsureTradable(string what)
    {
        if (RegistrationRules.Refusal(number, state.OfficeRecord, Record.Owners, state.OwnerConfirmations, what) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// Applies every deadline that has passed by <paramref name="today"/>, one after another (a fee unpaid through its
    /// grace period lapses the patent from the original due date; the lapse notice opens the restoration window).
    /// Returns the deadlines applied, none when nothing had passed.
    /// </summary>
    public IReadOnlyList<LegalStatusTrigger> ApplyPassedDeadlines(PatentLifecycle lifecycle, DateOnly today)
    {
        var applied = new List<LegalStatusTrigger>();
        while (lifecycle.PassedDeadline(today, LastDayOfTerm(), NextFee()) is { } deadline)
        {
            if (deadline == LegalStatusTrigger.GraceExpired)
            {
                state.LapsedFrom = NextFee()!.DueDate;
                state.LapseNoticeDate = today;
            }
            lifecycle.ApplyDeadline(deadline);
            applied.Add(deadline);
        }
        return applied;
    }

    /// <summary>
    /// The status as of <paramref name="today"/>, whatever the daily reminder has applied yet: a read never shows a
    /// patent in force whose fee fell due unpaid yesterday. Computed on a copy; the state is not touched.
    /// </summary>
    public (LegalStatus Status, DateOnly? LapsedFrom) EffectiveStatus(DateOnly today)
    {
        if (!PatentLifecycle.HasRunningDeadlines(state.LegalStatus) || state.GrantDate is null)
        {
            return (state.LegalStatus, state.LapsedFrom);
        }
        var status = state.LegalStatus;
        var lapsedFrom = state.LapsedFrom;
        var lifecycle = new PatentLifecycle(() => status, s => status = s, () => state.LapseNoticeDate);
        while (lifecycle.PassedDeadline(today, LastDayOfTerm(), NextFee()) is { } deadline)
        {
            lapsedFrom = deadline == LegalStatusTrigger.GraceExpired ? NextFee()!.DueDate : lapsedFrom;
            lifecycle.ApplyDeadline(deadline);
        }
        return (status, lapsedFrom);
    }

    public PatentSnapshot Snapshot(DateTimeOffset now)
    {
        var r = Record;
        var (status, lapsedFrom) = EffectiveStatus(DateOnly.FromDateTime(now.UtcDateTime));
        var next = PatentLifecycle.OwesFees(status) ? NextFee() : null;
        return new PatentSnapshot(number, ApplicationNumber.Parse(number).Kind, r.Title, r.Abstract, r.IpcClasses, r.FilingDate, state.GrantDate, LastDayOfTerm(),
            r.Owners, r.Inventors, status, state.PaidFeeYears.ToArray(), next, lapsedFrom, state.LapseNoticeDate,
            state.Mandates.ToArray(), state.OpenListings.ToArray(), HeldTransfer(now), state.InvalidationDecision,
            HeldClaims(now).ToArray(), state.OpenLicense, state.InvalidatedOn, state.OfficeRecord, state.OwnerConfirmations.ToArray(),
            PledgeHoldRules.IsHeld(state.Pledge, now) ? state.Pledge : null, state.PreservationOrder, state.InvalidationRequest);
    }
}
