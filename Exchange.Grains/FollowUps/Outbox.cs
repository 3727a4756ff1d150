namespace Exchange.Grains.FollowUps;

/// <summary>
/// The part of a grain's stored state that says what its last commands still owe beyond the state itself. It is
/// written in the same state write as the change that owes it, so a change and its follow-ups are durable together.
/// <para>
/// The grain storage notes every stored state whose <see cref="Pending"/> list is not empty, under
/// <see cref="Owner"/> (a database function on PostgreSQL, a trigger on SQLite: deploy/sql), in the same statement
/// as the state write; <see cref="FollowUpSweepService"/> resumes those whose owner did not finish them. The JSON
/// property names are part of that contract.
/// </para>
/// </summary>
public sealed class Outbox
{
    /// <summary>The owning grain's id (<c>GrainId.ToString()</c>), so the sweep can wake it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>In the order they must be carried out; each is removed once done.</summary>
    public List<FollowUp> Pending { get; set; } = [];

    /// <summary>
    /// Follow-ups their receiver refused for good (a domain rule, not an outage): kept for the operator, the most
    /// recent <see cref="MaxFailed"/>, and logged as errors. Retrying them would refuse again and block the owner.
    /// </summary>
    public List<FailedFollowUp> Failed { get; set; } = [];

    public const int MaxFailed = 20;
}

/// <summary>A follow-up its receiver refused, why, and when.</summary>
public sealed record FailedFollowUp(FollowUp FollowUp, string Error, DateTimeOffset At);

/// <summary>A grain state that carries an <see cref="Outbox"/>.</summary>
public interface IHasOutbox
{
    Outbox Outbox { get; }
}
