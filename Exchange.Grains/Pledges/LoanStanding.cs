using Exchange.Grains.Common;

namespace Exchange.Grains.Pledges;

/// <summary>Where a loan stands on a day: what is repaid, what is overdue and for how long, what comes next.</summary>
/// <param name="InstalmentsPaid">Instalments paid in full, from the first.</param>
/// <param name="Arrears">What fell due on or before the day and is still unpaid.</param>
/// <param name="DaysPastDue">Days since the oldest unpaid due date; 0 when nothing is overdue.</param>
/// <param name="OutstandingPrincipal">Principal not yet repaid (repayments cover each instalment's interest first).</param>
/// <param name="NextDue">The first instalment not paid in full, or null when the loan is repaid.</param>
/// <param name="InDefault">Overdue for longer than the grace days the contract allows.</param>
[GenerateSerializer, Immutable]
public sealed record LoanStanding(
    [property: Id(0)] int InstalmentsPaid,
    [property: Id(1)] Money Arrears,
    [property: Id(2)] int DaysPastDue,
    [property: Id(3)] Money OutstandingPrincipal,
    [property: Id(4)] Instalment? NextDue,
    [property: Id(5)] bool InDefault)
{
    public bool IsRepaid => NextDue is null;

    /// <summary>
    /// Applies <paramref name="repaid"/> (everything the pledgor has paid so far) to the schedule in order, each
    /// instalment's interest before its principal, and reads the result on <paramref name="today"/>. An instalment is
    /// overdue the day after its due date; the loan defaults when the oldest overdue one is more than
    /// <paramref name="graceDays"/> days late.
    /// </summary>
    public static LoanStanding On(IReadOnlyList<Instalment> schedule, Money principal, Money repaid, DateOnly today, int graceDays)
    {
        if (repaid < Money.Zero)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Repayments cannot total less than nothing ({repaid}).", "amount");
        }
        var left = repaid.Fen;
        var principalRepaid = 0L;
        var paid = 0;
        var arrears = 0L;
        DateOnly? oldestUnpaid = null;
        Instalment? next = null;
        foreach (var instalment in schedule)
        {
            var covered = Math.Min(left, instalment.Payment.Fen);
            left -= covered;
            principalRepaid += Math.Max(0, covered - instalment.Interest.Fen);
            if (covered == instalment.Payment.Fen)
            {
                paid++;
                continue;
            }
            next ??= instalment;
            if (instalment.DueOn < today)
            {
                arrears += instalment.Payment.Fen - covered;
                oldestUnpaid ??= instalment.DueOn;
            }
        }
        var daysPastDue = oldestUnpaid is { } due ? today.DayNumber - due.DayNumber : 0;
        return new LoanStanding(paid, new Money(arrears), daysPastDue, principal - new Money(principalRepaid), next, daysPastDue > graceDays);
    }

    /// <summary>The loan against the collateral's latest appraisal: outstanding principal ÷ appraised value, to four places.</summary>
    public decimal LoanToValue(Money appraisedValue) =>
        appraisedValue.Fen <= 0 ? 0 : Math.Round((decimal)OutstandingPrincipal.Fen / appraisedValue.Fen, 4, MidpointRounding.AwayFromZero);
}
