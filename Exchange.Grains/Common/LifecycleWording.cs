using Stateless;

namespace Exchange.Grains.Common;

/// <summary>
/// How every lifecycle words a refusal: what the object is now and in which statuses the command is possible. The
/// statuses that allow a command are read from the machine's own configuration, so the sentence cannot drift from the
/// rules. Each lifecycle gives its words for its statuses ("holding the buyer's funds in escrow") and commands ("be
/// recorded with the patent office"); whatever it has no words for is spelled out (<see cref="Words.Spell"/>), so
/// neither Stateless' texts ("No valid leaving transitions…") nor trigger names reach a person.
/// </summary>
/// <param name="noun">What the machine is the life of, as a person says it: "offer", "patent transfer".</param>
/// <param name="status">Words for a status that follow "it is": "accepted", "in its fee grace period".</param>
/// <param name="command">Words for a trigger that follow "it can": "be countered", "take consents".</param>
public sealed class LifecycleWording<TState, TTrigger>(string noun, Func<TState, string?> status, Func<TTrigger, string?> command)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public string Status(TState state) => status(state) ?? Words.Spell(state.ToString());

    public string Command(TTrigger trigger) => command(trigger) ?? Words.Spell(trigger.ToString());

    /// <summary>
    /// "Offer 7f… is accepted; an offer can be countered only while it is submitted or countered." With unmet guards:
    /// "Offer 7f… can be accepted only when neither the offer nor its listing has expired."
    /// </summary>
    public string Refusal(StateMachine<TState, TTrigger> machine, string subject, TState state, TTrigger trigger, ICollection<string>? unmetGuards = null)
    {
        if (unmetGuards is { Count: > 0 })
        {
            return $"{subject} can {Command(trigger)} only when {Words.Join(unmetGuards, "and")}.";
        }
        var allowing = StatesAllowing(machine, trigger).Where(s => !s.Equals(state)).Select(Status).ToList();
        return allowing.Count == 0
            ? $"{subject} is {Status(state)}; it cannot {Command(trigger)}."
            : $"{subject} is {Status(state)}; {Words.WithArticle(noun)} can {Command(trigger)} only while it is {Words.Join(allowing, "or")}.";
    }

    /// <summary>
    /// The statuses configured to take the trigger (a move or a check), not those that merely ignore it as a repeat.
    /// A substate takes what its superstate takes; naming the superstate says it.
    /// </summary>
    public static IReadOnlyList<TState> StatesAllowing(StateMachine<TState, TTrigger> machine, TTrigger trigger) =>
        machine.GetInfo().States
            .Where(s => s.FixedTransitions.Select(t => t.Trigger).Concat(s.DynamicTransitions.Select(t => t.Trigger))
                .Any(t => t.UnderlyingTrigger is TTrigger configured && configured.Equals(trigger)))
            .Select(s => (TState)s.UnderlyingState)
            .ToList();
}
