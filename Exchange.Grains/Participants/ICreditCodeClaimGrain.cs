namespace Exchange.Grains.Participants;

/// <summary>
/// The one registration a credit code belongs to, keyed by the normalized code: a credit code names one legal
/// person, so it may register once.
/// </summary>
[Alias("exchange.credit-code-claim")]
public interface ICreditCodeClaimGrain : IGrainWithStringKey
{
    /// <summary>Claims the code for the participant; returns the participant that holds it (the caller or an earlier one).</summary>
    [Alias("claim")]
    Task<Guid> Claim(Guid participantId);
}
