namespace Exchange.Grains.FollowUps;

/// <summary>A grain that records follow-ups with its state; the sweep wakes it to finish what a crash interrupted.</summary>
[Alias("exchange.follow-up-owner")]
public interface IFollowUpOwner : IGrain
{
    /// <summary>Carries out whatever the grain's stored state still owes.</summary>
    [Alias("resume-follow-ups")]
    Task ResumeFollowUps();
}
