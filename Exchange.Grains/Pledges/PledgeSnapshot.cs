using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>A pledge as its parties, the operator and the regulator see it.</summary>
/// <param name="DecideBy">The last day of the review's service level (2 working days online, 5 on paper).</param>
/// <param name="ReviewOverdue">Undecided after <paramref name="DecideBy"/>.</param>
/// <param name="Standing">Where the loan stands today, once the pledge is registered.</param>
/// <param name="LoanToValue">Outstanding principal ÷ the appraised value, once registered.</param>
[GenerateSerializer, Immutable]
public sealed record PledgeSnapshot(
    [property: Id(0)] Guid PledgeId,
    [property: Id(1)] PledgeStatus Status,
    [property: Id(2)] PledgeApplication Application,
    [property: Id(3)] IReadOnlyList<Guid> Pledgors,
    [property: Id(4)] IReadOnlyList<Guid> Signatures,
    [property: Id(5)] Guid AppliedBy,
    [property: Id(6)] DateOnly ReceivedOn,
    [property: Id(7)] DateOnly DecideBy,
    [property: Id(8)] bool ReviewOverdue,
    [property: Id(9)] DateOnly? DecidedOn,
    [property: Id(10)] IReadOnlyList<PledgeRefusal> Refusals,
    [property: Id(11)] IReadOnlyList<Instalment> Schedule,
    [property: Id(12)] Money Repaid,
    [property: Id(13)] Money Prepaid,
    [property: Id(14)] LoanStanding? Standing,
    [property: Id(15)] decimal? LoanToValue,
    [property: Id(16)] DateOnly? DefaultedOn,
    [property: Id(17)] IReadOnlyList<Patents.PledgeeConsent> DisposalConsents,
    [property: Id(18)] bool PaymentPending,
    [property: Id(19)] EnforcementSale? Sale = null,
    [property: Id(20)] Money Shortfall = default,
    [property: Id(21)] IReadOnlyList<OwnerAmount>? Escrow = null,
    [property: Id(22)] IReadOnlyList<string>? SoldPatents = null,
    [property: Id(23)] IReadOnlyList<string>? InvalidatedPatents = null)
{
    /// <summary>The consented deals' money the pledge holds in escrow.</summary>
    public Money Escrowed => PledgeProceedsRules.Total(Escrow ?? []);

    /// <summary>The patents still pledged: those applied for, less those sold with the pledgee's consent or declared invalid since.</summary>
    public IReadOnlyList<string> PledgedPatents => [.. Application.ApplicationNumbers.Except(SoldPatents ?? []).Except(InvalidatedPatents ?? [])];
}

/// <summary>What follows from a pledge's stored state: its loan's standing, its review deadline, its snapshot. Pure, so the grain only checks, moves and writes.</summary>
internal static class PledgeFacts
{
    /// <summary>The principal the schedule still amortizes: the loan less what was repaid early.</summary>
    public static Money ScheduledPrincipal(PledgeState state) => state.Application!.Loan.Principal - state.Prepaid;

    public static LoanStanding Standing(PledgeState state, DateOnly today) =>
        LoanStanding.On(state.Schedule, ScheduledPrincipal(state), state.Repaid, today, state.Application!.GraceDays);

    /// <summary>What has been paid towards the instalment in progress: the part of the repayments beyond the instalments paid in full.</summary>
    public static Money PartPaid(PledgeState state, LoanStanding standing) =>
        state.Repaid - new Money(state.Schedule.Take(standing.InstalmentsPaid).Sum(i => i.Payment.Fen));

    /// <summary>What the schedule still asks for: every instalment not yet paid, less what was paid towards them.</summary>
    public static Money StillOwed(PledgeState state) => new(state.Schedule.Sum(i => i.Payment.Fen) - state.Repaid.Fen);

    /// <summary>
    /// What money paid towards the debt today pays, in order (<see cref="PledgeProceedsRules"/>): what the schedule asks
    /// for now — every instalment due on or before today, and the rest of one part-paid — then the principal left, with
    /// the interest it has borne since the due date of the last instalment that leaves paid.
    /// </summary>
    public static ProceedsTarget ProceedsTarget(PledgeState state, DateOnly today, bool ended, bool running)
    {
        var loan = state.Application!.Loan;
        if (!running || state.Schedule.Count == 0)
        {
            return new ProceedsTarget(ended, false, Money.Zero, Money.Zero, loan.AnnualRate, today, today);
        }
        var principal = ScheduledPrincipal(state);
        var standing = Standing(state, today);
        // Read a day later, the schedule's arrears include what falls due today.
        var dueByToday = LoanStanding.On(state.Schedule, principal, state.Repaid, today.AddDays(1), 0).Arrears;
        var partPaid = PartPaid(state, standing);
        var restOfPartPaid = partPaid.Fen > 0 && standing.NextDue is { } next && next.DueOn > today ? next.Payment - partPaid : Money.Zero;
        var dueNow = dueByToday + restOfPartPaid;
        var afterDue = LoanStanding.On(state.Schedule, principal, state.Repaid + dueNow, today, 0);
        var accruesFrom = afterDue.InstalmentsPaid > 0 ? state.Schedule[afterDue.InstalmentsPaid - 1].DueOn : loan.Start;
        return new ProceedsTarget(ended, true, dueNow, afterDue.OutstandingPrincipal, loan.AnnualRate, accruesFrom, today);
    }

    /// <summary>What the pledgors owe the pledgee today: principal, overdue interest and interest accrued since the last due date.</summary>
    public static Money Owed(PledgeState state, DateOnly today)
    {
        var standing = Standing(state, today);
        var owed = EnforcementProceeds.Owed(state.Application!.Loan with { Principal = ScheduledPrincipal(state) }, state.Schedule, standing, today);
        // A part-paid overdue instalment had its interest paid first: that much of its interest is no longer owed.
        var interestPaid = standing.NextDue is { } next && next.DueOn < today ? new Money(Math.Min(PartPaid(state, standing).Fen, next.Interest.Fen)) : Money.Zero;
        return owed - interestPaid;
    }

    /// <summary>The patents still pledged: a sale the pledgee consented to, or an invalidation, took the others out of the collateral.</summary>
    public static IReadOnlyList<string> PledgedPatents(PledgeState state) => [.. state.Application!.ApplicationNumbers.Except(state.SoldPatents).Except(state.InvalidatedPatents)];

    public static DateOnly DecideBy(PledgeState state) => ReviewDeadline.DecideBy(state.ReceivedOn, state.Application!.Channel);

    public static PledgeSnapshot Snapshot(Guid id, PledgeState state, PledgeLifecycle lifecycle, DateOnly today)
    {
        var application = state.Application!;
        var running = state.Schedule.Count > 0;
        var standing = running ? Standing(state, today) : null;
        return new PledgeSnapshot(id, state.Status, application, state.Pledgors.ToArray(), state.Signatures.ToArray(), state.AppliedBy, state.ReceivedOn,
            DecideBy(state), lifecycle.AwaitsDecision && ReviewDeadline.IsMissed(state.ReceivedOn, application.Channel, today), state.DecidedOn,
            state.Refusals.ToArray(), state.Schedule.ToArray(), state.Repaid, state.Prepaid, standing,
            standing?.LoanToValue(application.Appraisal.Value), state.DefaultedOn, state.DisposalConsents.ToArray(), state.PaymentPending is not null,
            state.Sale, state.Shortfall, state.Escrow.ToArray(), state.SoldPatents.ToArray(), state.InvalidatedPatents.ToArray());
    }
}
