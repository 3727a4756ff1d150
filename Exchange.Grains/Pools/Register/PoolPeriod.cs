using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>One payment a waterfall step made: to a fee, a tranche or the reserve; what was due and what was paid.</summary>
/// <param name="Step">The step in words: "pay fee trustee", "pay interest A".</param>
[GenerateSerializer, Immutable]
public sealed record PoolStepLine(
    [property: Id(0)] int Index,
    [property: Id(1)] string Step,
    [property: Id(2)] PaymentKind Kind,
    [property: Id(3)] string PayeeId,
    [property: Id(4)] Money Due,
    [property: Id(5)] Money Paid);

[GenerateSerializer, Immutable]
public sealed record PoolTrancheLine(
    [property: Id(0)] string TrancheId,
    [property: Id(1)] Money InterestDue,
    [property: Id(2)] Money InterestPaid,
    [property: Id(3)] Money PrincipalPaid,
    [property: Id(4)] Money ResidualPaid,
    [property: Id(5)] Money OutstandingAfter,
    [property: Id(6)] Money UnpaidInterestAfter);

[GenerateSerializer, Immutable]
public sealed record PoolTriggerLine(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] TriggerKind Kind,
    [property: Id(2)] bool Curable,
    [property: Id(3)] bool Breached,
    [property: Id(4)] Money Measured,
    [property: Id(5)] Money Threshold);

/// <summary>
/// One period of a pool's waterfall as kept and shown (issue 12): collections in, each step's due and paid, the
/// balances after and the triggers. <see cref="PostingId"/> names the ledger posting that paid it (null for a
/// scenario, which moves nothing). Cash is conserved: carried in + collections + reserve draw = paid out + reserve
/// top-up + retained.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolPeriod(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly Start,
    [property: Id(2)] DateOnly End,
    [property: Id(3)] PoolState WaterfallRun,
    [property: Id(4)] Money CashCarriedIn,
    [property: Id(5)] Money Collections,
    [property: Id(6)] Money ReserveDraw,
    [property: Id(7)] Money ReserveTopUp,
    [property: Id(8)] Money PaidOut,
    [property: Id(9)] Money RetainedCash,
    [property: Id(10)] Money ReserveBalance,
    [property: Id(11)] IReadOnlyList<PoolStepLine> Steps,
    [property: Id(12)] IReadOnlyList<PoolTrancheLine> Tranches,
    [property: Id(13)] IReadOnlyList<PoolTriggerLine> Triggers,
    [property: Id(14)] PoolState NextState,
    [property: Id(15)] bool CleanUpCallReached,
    [property: Id(16)] string? PostingId,
    [property: Id(17)] int HoldersPaid)
{
    public static PoolPeriod Of(int number, PeriodReport report, string? postingId, int holdersPaid) => new(
        number, report.Period.Start, report.Period.End, report.WaterfallRun, report.CashCarriedIn, report.Collections, report.ReserveDraw,
        report.ReserveTopUp, report.PaidOut, report.RetainedCash, report.ReserveBalance,
        [.. report.Steps.SelectMany(s => s.Payments.Select(p => new PoolStepLine(s.Index, StepWords(s.Step), p.Kind, p.PayeeId, p.Due, p.Paid)))],
        [.. report.Tranches.Select(t => new PoolTrancheLine(t.TrancheId, t.InterestDue, t.InterestPaid, t.PrincipalPaid, t.ResidualPaid, t.OutstandingAfter, t.UnpaidInterestAfter))],
        [.. report.Triggers.Select(t => new PoolTriggerLine(t.TriggerId, t.Kind, t.Curable, t.Breached, t.Measured, t.Threshold))],
        report.NextState, report.CleanUpCallReached, postingId, holdersPaid);

    /// <summary>A waterfall step as people read it.</summary>
    public static string StepWords(WaterfallStep step) => step switch
    {
        PayFee f => $"pay fee {f.FeeId}",
        PayInterest i => $"pay interest {string.Join(", ", i.TrancheIds)}{(i.TrancheIds.Count > 1 ? $" ({Words.Spell(i.Order.ToString())})" : "")}",
        PayPrincipal p => $"pay principal {string.Join(", ", p.TrancheIds)} ({(p.Basis == PrincipalBasis.BySchedule ? "by schedule" : "all available")})",
        TopUpReserve => "top up the reserve",
        DrawReserveForShortfall => "draw on the reserve for a shortfall",
        PayResidual r => $"pay the residual to {r.TrancheId}",
        _ => step.GetType().Name,
    };
}
